package org.jasyncio.internal.core;

import java.util.List;

import org.jasyncio.internal.capability.CapabilityProvider;

/**
 * The one list of the capability providers of the features in this build. A feature
 * module adds its provider here when it lands (Unix sockets, pipes, signals and
 * subprocesses with issue 6); until then its capabilities are reported as not provided.
 */
final class CapabilityRegistry {
    static final List<CapabilityProvider> PROVIDERS = List.of(
            new FdWatchCapabilities(),
            new ClockCapabilities(),
            org.jasyncio.internal.pipe.PipeOps.capabilities());

    private CapabilityRegistry() {
    }
}
