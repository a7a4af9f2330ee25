package org.jasyncio.net;

import java.util.List;

/**
 * Every error of a failed {@code createConnection} with {@code allErrors}: Python's
 * {@code ExceptionGroup("create_connection failed", [...])}. The errors are also attached
 * as suppressed exceptions so stack traces show them.
 */
public final class NetworkExceptionGroup extends NetworkException {
    private static final long serialVersionUID = 1L;
    private final List<NetworkException> exceptions;

    public NetworkExceptionGroup(String message, List<NetworkException> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? ")" : "s)"));
        this.exceptions = List.copyOf(exceptions);
        for (NetworkException e : this.exceptions) {
            addSuppressed(e);
        }
    }

    /** The errors, in the order the attempts were made. */
    public List<NetworkException> exceptions() {
        return exceptions;
    }
}
