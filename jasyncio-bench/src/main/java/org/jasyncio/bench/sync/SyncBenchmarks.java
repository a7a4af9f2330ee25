package org.jasyncio.bench.sync;

import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.sync.Held;
import org.jasyncio.sync.Lock;
import org.jasyncio.sync.Queue;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The three rows of docs/bench/sync.md, each the same scenario as
 * {@code bench/python/sync_bench.py}:
 * <ul>
 *   <li>{@link #queue}: 1,000,000 items through a {@code Queue(maxsize=100)} from a
 *       producer task to a consumer task;</li>
 *   <li>{@link #lock}: 1,000,000 uncontended {@code acquire}/{@code release} of a
 *       {@code Lock} in one task ({@code async with lock: pass}); {@link #lockNotInlined}
 *       the same with the lock's methods kept out of line;</li>
 *   <li>{@link #gather}: {@code gather} of 100,000 tasks, each a coroutine that returns at once;</li>
 *   <li>{@link #queuePingPong} (an extra row): 200,000 items through a {@code Queue(maxsize=1)},
 *       a task switch per item.</li>
 * </ul>
 * Scores are operations (items, lock round trips, tasks) per second. The forks run with the
 * flags of docs/jvm-flags.md and the throughput collector ({@code -XX:+UseParallelGC}, as
 * the test suite); {@link #gatherG1} shows the default collector for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseParallelGC"})
public class SyncBenchmarks {
    public static final int QUEUE_ITEMS = 1_000_000;
    public static final int QUEUE_MAXSIZE = 100;
    public static final int PING_PONG_ITEMS = 200_000;
    public static final int LOCK_OPS = 1_000_000;
    public static final int GATHER_TASKS = 100_000;

    private EventLoop loop;
    private Lock lock;

    @Setup(Level.Trial)
    public void openLoop() {
        loop = AsyncIO.newEventLoop();
        lock = new Lock();
    }

    @TearDown(Level.Trial)
    public void closeLoop() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(QUEUE_ITEMS)
    public long queue() {
        return pumpThroughQueue(QUEUE_ITEMS, QUEUE_MAXSIZE);
    }

    /** An extra row: a queue of one slot, so every item is a hand-off between the two tasks. */
    @Benchmark
    @OperationsPerInvocation(PING_PONG_ITEMS)
    public long queuePingPong() {
        return pumpThroughQueue(PING_PONG_ITEMS, 1);
    }

    private long pumpThroughQueue(int items, int maxsize) {
        return loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>(maxsize);
            Integer item = 1;   // boxed once: the benchmark measures the queue, not boxing
            Task<Void> producer = AsyncIO.createTask(Coroutine.of(() -> {
                for (int i = 0; i < items; i++) {
                    q.put(item);
                }
            }));
            long sum = 0;
            for (int i = 0; i < items; i++) {
                sum += q.get();
            }
            producer.await();
            return sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(LOCK_OPS)
    public int lock(Blackhole bh) {
        return lockRoundTrips(bh);
    }

    /**
     * {@link #lock} with {@code Lock}'s methods kept out of line: once inlined, the
     * uncontended path is a few field operations the JIT folds together, so this is the
     * conservative figure (a real call per acquire and per release).
     */
    @Benchmark
    @OperationsPerInvocation(LOCK_OPS)
    @Fork(value = 1, jvmArgsAppend = {
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseParallelGC",
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=dontinline,org.jasyncio.sync.Lock::*"})
    public int lockNotInlined(Blackhole bh) {
        return lockRoundTrips(bh);
    }

    private int lockRoundTrips(Blackhole bh) {
        // The lock is a field and the blackhole sees it inside each critical section, so
        // it cannot be optimized away (a lock in a local variable disappears entirely).
        return loop.runUntilComplete(() -> {
            Lock l = lock;
            int n = 0;
            for (int i = 0; i < LOCK_OPS; i++) {
                try (Held _ = l.acquire()) {
                    bh.consume(l);
                    n++;
                }
            }
            return n;
        });
    }

    @Benchmark
    @OperationsPerInvocation(GATHER_TASKS)
    public int gather() {
        return gatherTasks();
    }

    /**
     * {@link #gather} under the JVM's default collector (G1) instead of the throughput
     * collector: the 100,000 tasks are all alive at once, and G1's young pauses copy them.
     */
    @Benchmark
    @OperationsPerInvocation(GATHER_TASKS)
    @Fork(value = 1, jvmArgsAppend = {
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED"})
    public int gatherG1() {
        return gatherTasks();
    }

    private int gatherTasks() {
        return loop.runUntilComplete(() -> {
            @SuppressWarnings("unchecked")
            Coroutine<Integer>[] coroutines = new Coroutine[GATHER_TASKS];
            for (int i = 0; i < GATHER_TASKS; i++) {
                int v = i;
                coroutines[i] = () -> v;
            }
            return AsyncIO.gather(coroutines).await().size();
        });
    }
}
