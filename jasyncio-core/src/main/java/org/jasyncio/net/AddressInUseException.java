package org.jasyncio.net;

import java.io.IOException;

/**
 * The address is taken (Python's {@code OSError} with {@code EADDRINUSE}): a Unix
 * server's path exists and is not a stale socket, or a live server listens on it.
 */
public class AddressInUseException extends NetworkException {
    private static final long serialVersionUID = 1L;

    public AddressInUseException(String message, IOException cause) {
        super(message, cause);
    }

    public AddressInUseException(String message) {
        super(message);
    }
}
