package org.jasyncio.internal.probe;

/** A probe could not make what its operation needs on this machine (the report says "not run" and why). */
final class ProbeSetupException extends RuntimeException {
    ProbeSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    ProbeSetupException(String message) {
        super(message);
    }
}
