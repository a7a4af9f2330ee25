package org.jasyncio.bench.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
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

/**
 * The core workloads of issue 2 on a jasyncio loop ({@link SelectorEventLoop#open()}, the
 * platform's default backend). One invocation runs one whole workload; the declared
 * operations per invocation make JMH report operations per second: callbacks run, task
 * switches, timers fired, tasks created and awaited.
 *
 * <p>The forks get the flags every jasyncio JVM needs plus the two the {@code ./jasyncio}
 * launcher adds for speed ({@code -XX:+UseParallelGC -Djdk.trackAllThreads=false});
 * bench/run-core-bench can replace them ({@code --jvm-defaults}). Run with
 * {@code java -jar jasyncio-bench/target/jasyncio-benchmarks.jar CoreBenchmarks}.
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
        "-XX:+UseParallelGC", "-Djdk.trackAllThreads=false"})
public class CoreBenchmarks {
    private EventLoop loop;
    private Duration[] delays;

    @Setup(Level.Trial)
    public void openLoop() {
        loop = SelectorEventLoop.open();
        delays = CoreWorkloads.timerDelays(CoreWorkloads.TIMERS, 20250101L);
    }

    @TearDown(Level.Trial)
    public void closeLoop() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(CoreWorkloads.CALLBACKS)
    public long callSoonBatch() {
        long ran = CoreWorkloads.callSoonBatch(loop, CoreWorkloads.CALLBACKS);
        CoreWorkloads.check("callSoonBatch", CoreWorkloads.CALLBACKS, ran);
        return ran;
    }

    @Benchmark
    @OperationsPerInvocation(CoreWorkloads.CALLBACKS)
    public long callSoonChain() {
        long ran = CoreWorkloads.callSoonChain(loop, CoreWorkloads.CALLBACKS);
        CoreWorkloads.check("callSoonChain", CoreWorkloads.CALLBACKS, ran);
        return ran;
    }

    @Benchmark
    @OperationsPerInvocation(CoreWorkloads.SWITCH_TASKS * CoreWorkloads.SWITCHES_PER_TASK)
    public long taskSwitches() {
        long done = CoreWorkloads.taskSwitches(loop, CoreWorkloads.SWITCH_TASKS, CoreWorkloads.SWITCHES_PER_TASK);
        CoreWorkloads.check("taskSwitches", (long) CoreWorkloads.SWITCH_TASKS * CoreWorkloads.SWITCHES_PER_TASK, done);
        return done;
    }

    @Benchmark
    @OperationsPerInvocation(CoreWorkloads.TIMERS)
    public long timers() {
        long fired = CoreWorkloads.timers(loop, delays);
        CoreWorkloads.check("timers", CoreWorkloads.TIMERS, fired);
        return fired;
    }

    @Benchmark
    @OperationsPerInvocation(CoreWorkloads.TASKS)
    public long createAndAwait() {
        long sum = CoreWorkloads.createAndAwait(loop, CoreWorkloads.TASKS, CoreWorkloads.TASK_BATCH);
        CoreWorkloads.check("createAndAwait", CoreWorkloads.createAndAwaitChecksum(CoreWorkloads.TASKS), sum);
        return sum;
    }
}
