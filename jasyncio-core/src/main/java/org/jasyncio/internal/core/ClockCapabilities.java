package org.jasyncio.internal.core;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.Capability;

/**
 * The loop clock's answer: whether it resolves 1 ms. On this machine the answer is
 * measured ({@link Clock#resolutionNanos()}); for another platform it follows the clock
 * {@link System#nanoTime()} reads there, which resolves far better than 1 ms on every
 * platform the JDK supports (QueryPerformanceCounter on Windows, not the 15.6 ms tick the
 * seed page warns about).
 */
final class ClockCapabilities implements CapabilityProvider {
    private static final long FINE_NANOS = 1_000_000L;

    @Override
    public Set<Capability> answers() {
        return EnumSet.of(Capability.FINE_CLOCK);
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        if (!loop.platform().isCurrent()) {
            return Optional.empty();
        }
        long resolution = Clock.resolutionNanos();
        if (resolution <= FINE_NANOS) {
            return Optional.empty();
        }
        return Optional.of("the monotonic clock of " + loop.describe() + " advances in steps of "
                + resolution / 1e6 + " ms, so timers may fire up to that late; nothing in jasyncio can refine it");
    }

    @Override
    public String basis(Capability capability, LoopTraits loop) {
        if (loop.platform().isCurrent()) {
            return "System.nanoTime() advances in steps of " + Clock.resolutionNanos() + " ns here (measured)";
        }
        return "System.nanoTime() reads " + switch (loop.os()) {
            case LINUX -> "CLOCK_MONOTONIC";
            case MACOS -> "mach_absolute_time";
            case WINDOWS -> "QueryPerformanceCounter (not the 15.6 ms tick)";
            case OTHER -> "the OS monotonic clock";
        } + " there: sub-microsecond steps (expected, measured only on the machine itself)";
    }
}
