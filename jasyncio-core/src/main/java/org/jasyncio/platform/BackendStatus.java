package org.jasyncio.platform;

import java.util.Objects;
import java.util.Optional;

import org.jasyncio.loop.Backend;

/**
 * Whether a backend runs here.
 *
 * @param backend          the backend
 * @param available        whether it can be opened in this JVM
 * @param unavailabilityCause why not, when it cannot
 * @param platformDefault  whether it is the backend of this platform's default loop
 */
public record BackendStatus(Backend backend, boolean available, Optional<String> unavailabilityCause,
        boolean platformDefault) {
    public BackendStatus {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(unavailabilityCause, "unavailabilityCause");
    }
}
