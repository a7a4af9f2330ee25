package org.jasyncio.bench.core;

import java.time.Duration;
import java.util.SplittableRandom;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Task;

/**
 * The five core workloads of issue 2, written once and run by {@link CoreBenchmarks}.
 * bench/python/core_bench.py runs the same workloads, with the same counts, on CPython
 * asyncio and uvloop; keep the two in step (docs/bench/core.md shows them side by side).
 *
 * <p>Each method runs one whole workload on {@code loop} (which must not be running) and
 * returns a checksum, so a workload that silently did less work is caught: the caller
 * compares it with the expected value.
 */
public final class CoreWorkloads {
    /** callSoon batch and chain: callbacks per run. */
    public static final int CALLBACKS = 1_000_000;
    /** Task switches: this many tasks ... */
    public static final int SWITCH_TASKS = 1_000;
    /** ... each doing this many {@code sleep(0)}. */
    public static final int SWITCHES_PER_TASK = 1_000;
    /** Timers scheduled, then fired, per run. */
    public static final int TIMERS = 100_000;
    /** Timer delays are uniform in [0, this) nanoseconds (1 ms). */
    public static final long TIMER_MAX_DELAY_NANOS = 1_000_000;
    /** Small tasks created and awaited per run ... */
    public static final int TASKS = 1_000_000;
    /** ... in batches of this many (create the batch, then await each in order). */
    public static final int TASK_BATCH = 1_000;

    private CoreWorkloads() {
    }

    /**
     * One callback schedules {@code n} trivial callbacks with {@code callSoon}, then a
     * stop; the loop runs them all. Returns how many ran.
     */
    public static long callSoonBatch(EventLoop loop, int n) {
        Counter counter = new Counter();
        loop.callSoon(() -> {
            for (int i = 0; i < n; i++) {
                loop.callSoon(counter);
            }
            loop.callSoon(loop::stop);
        });
        loop.runForever();
        return counter.count;
    }

    /**
     * A callback that schedules itself with {@code callSoon} until it has run {@code n}
     * times, then stops the loop: one callback per loop iteration. Returns how many ran.
     */
    public static long callSoonChain(EventLoop loop, int n) {
        Chain chain = new Chain(loop, n);
        loop.callSoon(chain);
        loop.runForever();
        return chain.ran;
    }

    /**
     * {@code tasks} tasks each {@code sleep(0)} {@code switches} times; the main task
     * awaits them all. Returns the number of sleeps done.
     */
    public static long taskSwitches(EventLoop loop, int tasks, int switches) {
        return loop.runUntilComplete(() -> {
            @SuppressWarnings("unchecked")
            Task<Integer>[] workers = new Task[tasks];
            for (int t = 0; t < tasks; t++) {
                workers[t] = loop.createTask(() -> {
                    for (int s = 0; s < switches; s++) {
                        AsyncIO.sleep(Duration.ZERO);
                    }
                    return switches;
                });
            }
            long total = 0;
            for (Task<Integer> w : workers) {
                total += w.await();
            }
            return total;
        });
    }

    /** Random delays in [0, {@link #TIMER_MAX_DELAY_NANOS}), the same for every run. */
    public static Duration[] timerDelays(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Duration[] delays = new Duration[n];
        for (int i = 0; i < n; i++) {
            delays[i] = Duration.ofNanos(random.nextLong(TIMER_MAX_DELAY_NANOS));
        }
        return delays;
    }

    /**
     * One callback schedules a timer per delay with {@code callLater}; the last one to
     * fire stops the loop. Returns how many fired.
     */
    public static long timers(EventLoop loop, Duration[] delays) {
        Counter fired = new Counter();
        int n = delays.length;
        Runnable fire = () -> {
            if (++fired.count == n) {
                loop.stop();
            }
        };
        loop.callSoon(() -> {
            for (Duration d : delays) {
                loop.callLater(d, fire);
            }
        });
        loop.runForever();
        return fired.count;
    }

    /**
     * The main task creates {@code n} tasks that return their index, {@code batch} at a
     * time, and awaits each batch in order. Returns the sum of their results.
     */
    public static long createAndAwait(EventLoop loop, int n, int batch) {
        return loop.runUntilComplete(() -> {
            @SuppressWarnings("unchecked")
            Task<Integer>[] pending = new Task[batch];
            long sum = 0;
            for (int base = 0; base < n; base += batch) {
                int size = Math.min(batch, n - base);
                for (int i = 0; i < size; i++) {
                    int value = base + i;
                    pending[i] = loop.createTask(() -> value);
                }
                for (int i = 0; i < size; i++) {
                    sum += pending[i].await();
                    pending[i] = null;
                }
            }
            return sum;
        });
    }

    /** The checksum {@link #createAndAwait} must return. */
    public static long createAndAwaitChecksum(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** Throws if a workload's checksum is not what it should be. */
    public static void check(String workload, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(workload + ": expected " + expected + " but got " + actual);
        }
    }

    private static final class Counter implements Runnable {
        long count;

        @Override
        public void run() {
            count++;
        }
    }

    private static final class Chain implements Runnable {
        private final EventLoop loop;
        private final int n;
        long ran;

        Chain(EventLoop loop, int n) {
            this.loop = loop;
            this.n = n;
        }

        @Override
        public void run() {
            if (++ran < n) {
                loop.callSoon(this);
            } else {
                loop.stop();
            }
        }
    }
}
