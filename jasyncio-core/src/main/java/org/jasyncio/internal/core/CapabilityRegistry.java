package org.jasyncio.internal.core;

import java.util.List;

import org.jasyncio.internal.capability.CapabilityAnswers;
import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.process.SubprocessCapabilities;

/**
 * The one list of the capability providers of the features in this build. A feature
 * module adds its provider here when it lands (Unix sockets, pipes, signals and
 * subprocesses with issue 6); until then its capabilities are reported as not provided.
 */
public final class CapabilityRegistry {
    static final List<CapabilityProvider> PROVIDERS = List.of(
            new FdWatchCapabilities(),
            new ClockCapabilities(),
            org.jasyncio.internal.pipe.PipeOps.capabilities(),
            new org.jasyncio.internal.signal.SignalCapabilities(),
            new org.jasyncio.internal.unix.UnixCapabilities(),
            new SubprocessCapabilities()); // issue 6 item 4

    private CapabilityRegistry() {
    }

    /**
     * What a loop with these traits would answer, for a live loop or a hypothetical one
     * (the capability matrix of another platform).
     */
    public static CapabilityAnswers answers(LoopTraits loop) {
        return new CapabilityAnswers(PROVIDERS, loop);
    }
}
