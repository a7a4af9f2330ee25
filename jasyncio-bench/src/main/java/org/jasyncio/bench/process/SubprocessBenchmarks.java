package org.jasyncio.bench.process;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.subprocess.Process;
import org.jasyncio.subprocess.Stdio;
import org.jasyncio.subprocess.SubprocessOptions;
import org.jasyncio.subprocess.SubprocessProtocol;
import org.jasyncio.subprocess.Subprocesses;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Subprocess costs per child-watching strategy ({@code epoll}: posix_spawn and a pidfd;
 * {@code nio}: ProcessBuilder and helper threads):
 * <ul>
 *   <li>{@link #spawnAndReap}: children of {@code /bin/true} (stdio to /dev/null) started
 *       {@link #CONCURRENT} at a time and awaited; children per second;</li>
 *   <li>{@link #stdoutProtocol}: {@link #MIB} MiB from {@code head -c ... /dev/zero} counted
 *       by a {@link SubprocessProtocol}; MiB per second;</li>
 *   <li>{@link #stdoutStream}: the same through {@code Process.stdout().read(65536)}.</li>
 * </ul>
 *
 * <p>Run with {@code java -jar jasyncio-bench/target/jasyncio-benchmarks.jar SubprocessBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseParallelGC", "-Djdk.trackAllThreads=false"})
public class SubprocessBenchmarks {
    static final int CHILDREN = 100;
    static final int CONCURRENT = 10;
    static final int MIB = 256;

    @Param({"epoll", "nio"})
    public String backend;

    private EventLoop loop;

    @Setup(Level.Trial)
    public void open() {
        loop = SelectorEventLoop.open(Backend.valueOf(backend.toUpperCase(java.util.Locale.ROOT)));
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    /** Counts what the child writes; done at connectionLost. */
    static final class Counter implements SubprocessProtocol {
        final Future<Void> done;
        long bytes;

        Counter(EventLoop loop) {
            done = loop.createFuture();
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer data) {
            bytes += data.remaining();
        }

        @Override
        public void connectionLost(Throwable exc) {
            done.setResult(null);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHILDREN)
    public int spawnAndReap() {
        SubprocessOptions quiet = new SubprocessOptions(Stdio.DEVNULL, Stdio.DEVNULL, Stdio.DEVNULL, null, null);
        return loop.runUntilComplete(() -> {
            int sum = 0;
            for (int round = 0; round < CHILDREN / CONCURRENT; round++) {
                List<Task<Integer>> batch = new ArrayList<>(CONCURRENT);
                for (int i = 0; i < CONCURRENT; i++) {
                    batch.add(loop.createTask(() -> Subprocesses.createSubprocessExec(List.of("/bin/true"), quiet)
                            .await()));
                }
                for (Task<Integer> t : batch) {
                    sum += t.await();
                }
            }
            return sum;
        });
    }

    private static List<String> zeros() {
        return List.of("head", "-c", Long.toString((long) MIB << 20), "/dev/zero");
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long stdoutProtocol() {
        return loop.runUntilComplete(() -> {
            var c = loop.subprocessExec(() -> new Counter(loop), zeros(),
                    SubprocessOptions.PIPES.withStdin(Stdio.DEVNULL));
            c.protocol().done.await();
            c.transport().close();
            return c.protocol().bytes;
        });
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long stdoutStream() {
        return loop.runUntilComplete(() -> {
            Process p = Subprocesses.createSubprocessExec(zeros(), SubprocessOptions.INHERITED.withStdout(Stdio.PIPE));
            long total = 0;
            byte[] chunk;
            while ((chunk = p.stdout().read(65536)).length > 0) {
                total += chunk.length;
            }
            p.await();
            return total;
        });
    }
}
