package org.jasyncio.internal.core;

import java.time.Duration;

/**
 * The loop clock: {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux, QueryPerformanceCounter
 * on Windows, mach_absolute_time on macOS) and its measured resolution.
 */
public final class Clock {
    private static volatile long resolutionNanos = -1;

    private Clock() {
    }

    public static long nanos() {
        return System.nanoTime();
    }

    /**
     * The smallest step the clock is seen to advance by, measured once per JVM: the
     * minimum positive difference between consecutive readings over a few thousand
     * samples. On Linux this is the cost of a reading (tens of nanoseconds), on Windows
     * the counter's tick.
     */
    public static long resolutionNanos() {
        long r = resolutionNanos;
        if (r < 0) {
            r = measure();
            resolutionNanos = r;
        }
        return r;
    }

    public static Duration resolution() {
        return Duration.ofNanos(resolutionNanos());
    }

    private static long measure() {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5_000; round++) {
            long a = System.nanoTime();
            long b = System.nanoTime();
            while (b == a) {
                b = System.nanoTime();
            }
            best = Math.min(best, b - a);
        }
        return Math.max(1, best);
    }
}
