package org.jasyncio.bench.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * Memory per parked task: the heap in use (after a full GC) with {@code N} tasks parked on
 * one never-completed future, minus the heap in use before they were created, divided by
 * {@code N}. Everything a parked task holds is on the heap: the {@link Task}, its virtual
 * thread, the thread's stack chunk, its done-callback entry and the loop's bookkeeping
 * (and, unless {@code -Djdk.trackAllThreads=false}, the JDK's record of the thread).
 *
 * <p>The measurement is repeated: the first rounds park tasks whose frames are still
 * interpreted (bigger), so {@value #WARMUP_ROUNDS} rounds warm up and the median of the
 * next {@value #MEASURED_ROUNDS} is the result; the first (cold) round is reported too.
 *
 * <p>Not a JMH benchmark: run it as a main class with the jasyncio JVM flags
 * (bench/run-core-bench does, once with and once without thread tracking). Prints one
 * JSON object on standard output. Usage: {@code ParkedTaskMemory [tasks]} (default 100000).
 */
public final class ParkedTaskMemory {
    private ParkedTaskMemory() {
    }

    /** Rounds run before the measured ones: JIT-compiled frames make parked stacks smaller. */
    static final int WARMUP_ROUNDS = 4;
    static final int MEASURED_ROUNDS = 3;

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double[] perTask = new double[WARMUP_ROUNDS + MEASURED_ROUNDS];
        for (int round = 0; round < perTask.length; round++) {
            Result r = measure(tasks);
            perTask[round] = (r.parked - r.before) / (double) tasks;
        }
        double[] measured = Arrays.copyOfRange(perTask, WARMUP_ROUNDS, perTask.length);
        Arrays.sort(measured);
        StringBuilder rounds = new StringBuilder();
        for (double v : perTask) {
            rounds.append(rounds.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"tasks\": %d, \"bytes_per_task\": %.1f, \"cold_bytes_per_task\": %.1f, "
                        + "\"rounds\": [%s], \"warmup_rounds\": %d, "
                        + "\"track_all_threads\": \"%s\", \"gc\": \"%s\", \"max_heap\": %d, \"backend\": \"%s\"}",
                tasks, measured[measured.length / 2], perTask[0], rounds, WARMUP_ROUNDS,
                System.getProperty("jdk.trackAllThreads", "true (default)"), gcNames(),
                Runtime.getRuntime().maxMemory(), Backend.defaultSelectorBackend().id()));
    }

    private record Result(long before, long parked) {
    }

    private static Result measure(int tasks) {
        try (EventLoop loop = SelectorEventLoop.open()) {
            return loop.runUntilComplete(() -> {
                Future<Void> never = loop.createFuture();
                @SuppressWarnings("unchecked")
                Task<Void>[] parked = new Task[tasks];
                int[] started = {0};
                long before = heapUsedAfterGc();
                for (int i = 0; i < tasks; i++) {
                    parked[i] = loop.createTask(() -> {
                        started[0]++;
                        return never.await();
                    });
                }
                // Tasks start in creation order at the back of the ready queue: one yield
                // lets every one of them run up to its await and park.
                AsyncIO.sleep(0);
                if (started[0] != tasks) {
                    throw new IllegalStateException("only " + started[0] + " of " + tasks + " tasks parked");
                }
                long used = heapUsedAfterGc();
                for (Task<Void> t : parked) {
                    t.cancel();
                }
                for (Task<Void> t : parked) {
                    try {
                        t.await();
                        throw new IllegalStateException("a parked task finished without being cancelled");
                    } catch (CancelledException expected) {
                        // every task ends cancelled
                    }
                }
                return new Result(before, used);
            });
        }
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Repeat until it stops shrinking: the first collections may free finalizable or
        // cleaner-held objects that a later one sweeps.
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    private static String gcNames() {
        StringBuilder names = new StringBuilder();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!names.isEmpty()) {
                names.append(", ");
            }
            names.append(gc.getName());
        }
        return names.toString();
    }
}
