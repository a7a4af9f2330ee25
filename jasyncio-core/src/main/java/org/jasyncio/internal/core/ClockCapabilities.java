package org.jasyncio.internal.core;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.Capability;

/** The loop clock's answer: whether it resolves 1 ms (it does not on some Windows machines). */
final class ClockCapabilities implements CapabilityProvider {
    private static final long FINE_NANOS = 1_000_000L;

    @Override
    public Set<Capability> answers() {
        return EnumSet.of(Capability.FINE_CLOCK);
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        long resolution = Clock.resolutionNanos();
        if (resolution <= FINE_NANOS) {
            return Optional.empty();
        }
        return Optional.of("the monotonic clock of " + loop.describe() + " advances in steps of "
                + resolution / 1e6 + " ms, so timers may fire up to that late; nothing in jasyncio can refine it");
    }
}
