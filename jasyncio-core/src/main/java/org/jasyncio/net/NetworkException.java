package org.jasyncio.net;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A socket operation failed: Python's {@code OSError} as raised by socket calls. The
 * cause is the JDK's {@link IOException}, kept as it was thrown.
 */
public class NetworkException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public NetworkException(String message, IOException cause) {
        super(message, cause);
    }

    /** An error with no JDK exception behind it (the cause carries the same message). */
    public NetworkException(String message) {
        super(message, new IOException(message));
    }
}
