package org.jasyncio.net;

import java.io.IOException;

/** The peer reset the connection (ECONNRESET): Python's {@code ConnectionResetError}. */
public class ConnectionResetException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public ConnectionResetException(String message, IOException cause) {
        super(message, cause);
    }

    public ConnectionResetException(String message) {
        super(message);
    }
}
