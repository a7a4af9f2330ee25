package org.jasyncio.net;

import java.io.IOException;

/** Writing to a connection whose peer has gone (EPIPE): Python's {@code BrokenPipeError}. */
public class BrokenPipeException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public BrokenPipeException(String message, IOException cause) {
        super(message, cause);
    }

    public BrokenPipeException(String message) {
        super(message);
    }
}
