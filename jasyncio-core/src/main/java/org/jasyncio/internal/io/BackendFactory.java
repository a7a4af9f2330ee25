package org.jasyncio.internal.io;

import java.util.Optional;

import org.jasyncio.internal.nio.NioBackend;
import org.jasyncio.loop.Backend;

/**
 * The one place that maps a {@link Backend} to its implementation, knows whether it is
 * available on this machine (and why not), and chooses the platform default.
 */
public final class BackendFactory {
    private BackendFactory() {
    }

    /** Opens a readiness {@code backend}, or explains why it cannot be opened here. */
    public static ReadinessBackend openReadiness(Backend backend) {
        if (backend.kind() != Backend.Kind.READINESS) {
            throw new IllegalArgumentException("'" + backend.id() + "' is a completion backend, not a readiness one");
        }
        return (ReadinessBackend) open(backend);
    }

    /** Opens {@code backend}, or explains why it cannot be opened here. */
    public static IoBackend open(Backend backend) {
        Optional<String> cause = unavailabilityCause(backend);
        if (cause.isPresent()) {
            throw new UnsupportedOperationException("I/O backend '" + backend.id() + "' is not available on "
                    + System.getProperty("os.name") + ": " + cause.get());
        }
        return switch (backend) {
            case NIO -> new NioBackend();
        };
    }

    /** Why {@code backend} cannot run here, or empty when it can. */
    public static Optional<String> unavailabilityCause(Backend backend) {
        return switch (backend) {
            case NIO -> Optional.empty();
        };
    }

    /** The readiness backend a selector loop uses when none is named. */
    public static Backend defaultSelectorBackend() {
        return Backend.NIO;
    }
}
