package org.jasyncio.internal.probe;

import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.platform.Outcome;

/**
 * Measures the step of the loop's clock ({@code loop.time()}): the smallest positive
 * difference between consecutive readings, over a bounded number of readings. Fine means
 * 1 ms or better (the seed page: "the resolution of the monotonic clock on Windows is
 * usually around 15.6 msec").
 */
final class ClockProbe implements Probe {
    static final double FINE_SECONDS = 1e-3;
    private static final int READINGS = 2_000;
    private static final long BUDGET_NANOS = 200_000_000L;

    @Override
    public Capability capability() {
        return Capability.FINE_CLOCK;
    }

    @Override
    public Observation run(EventLoop loop, ProbeResources resources) {
        double step = measure(loop);
        String detail = String.format("loop.time() advances in steps of %s (smallest of %d readings)",
                format(step), READINGS);
        return new Observation(step <= FINE_SECONDS ? Outcome.SUPPORTED : Outcome.REFUSED, detail);
    }

    /** The smallest positive step of {@code loop.time()}, in seconds. */
    static double measure(EventLoop loop) {
        double best = Double.MAX_VALUE;
        long deadline = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < READINGS && System.nanoTime() < deadline; i++) {
            double a = loop.time();
            double b = loop.time();
            while (b == a && System.nanoTime() < deadline) {
                b = loop.time();
            }
            if (b > a) {
                best = Math.min(best, b - a);
            }
        }
        return best;
    }

    static String format(double seconds) {
        if (seconds >= 1e-3) {
            return String.format("%.3f ms", seconds * 1e3);
        }
        if (seconds >= 1e-6) {
            return String.format("%.3f us", seconds * 1e6);
        }
        return String.format("%.0f ns", seconds * 1e9);
    }
}
