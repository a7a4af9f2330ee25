package org.jasyncio.net;

import java.io.IOException;

/** The operating system gave up on the peer (ETIMEDOUT): Python's {@code TimeoutError} from a socket call. */
public class NetworkTimeoutException extends NetworkException {
    private static final long serialVersionUID = 1L;

    public NetworkTimeoutException(String message, IOException cause) {
        super(message, cause);
    }

    public NetworkTimeoutException(String message) {
        super(message);
    }
}
