package org.jasyncio.net;

import java.io.IOException;

/** The peer refused the connection (ECONNREFUSED, or ICMP port unreachable on UDP): Python's {@code ConnectionRefusedError}. */
public class ConnectionRefusedException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedException(String message, IOException cause) {
        super(message, cause);
    }

    public ConnectionRefusedException(String message) {
        super(message);
    }
}
