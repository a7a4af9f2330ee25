package org.jasyncio.bench.backend;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.internal.io.BackendFactory;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one non-blocking wait, {@code poll(0)} — what a busy loop pays every
 * iteration in which something is already ready — on each readiness backend, with
 * {@code watched} idle pipe channels registered for reading (nothing is ever ready).
 *
 * <pre>
 * ./scripts/mvn -q -pl jasyncio-bench -am package -DskipTests
 * $JAVA_HOME/bin/java -jar jasyncio-bench/target/jasyncio-benchmarks.jar PollNowBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class PollNowBenchmark {
    @Param({"nio", "epoll", "poll", "select"})
    public String backend;

    @Param({"1", "100"})
    public int watched;

    private ReadinessBackend readiness;
    private final List<Pipe> pipes = new ArrayList<>();

    @Setup(Level.Trial)
    public void open() throws IOException {
        readiness = BackendFactory.openReadiness(Backend.byId(backend));
        for (int i = 0; i < watched; i++) {
            Pipe pipe = Pipe.open();
            pipes.add(pipe);
            readiness.register(Pollable.of(pipe.source()), ReadinessBackend.READ, ops -> {
                throw new AssertionError("nothing is ever written");
            });
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        readiness.close();
        for (Pipe pipe : pipes) {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Benchmark
    public void pollNow() {
        readiness.poll(0);
    }
}
