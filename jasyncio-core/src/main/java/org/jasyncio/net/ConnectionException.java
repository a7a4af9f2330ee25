package org.jasyncio.net;

import java.io.IOException;

/** A connection-level failure: Python's {@code ConnectionError}. */
public class ConnectionException extends NetworkException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, IOException cause) {
        super(message, cause);
    }

    public ConnectionException(String message) {
        super(message);
    }
}
