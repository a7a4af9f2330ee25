package org.jasyncio.net;

import java.io.IOException;

/** The connection was aborted locally (ECONNABORTED): Python's {@code ConnectionAbortedError}. */
public class ConnectionAbortedException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public ConnectionAbortedException(String message, IOException cause) {
        super(message, cause);
    }

    public ConnectionAbortedException(String message) {
        super(message);
    }
}
