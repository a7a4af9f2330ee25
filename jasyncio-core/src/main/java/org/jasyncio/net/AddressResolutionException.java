package org.jasyncio.net;

import java.io.IOException;

/** A host or service name could not be resolved: Python's {@code socket.gaierror}. */
public class AddressResolutionException extends NetworkException {
    private static final long serialVersionUID = 1L;

    public AddressResolutionException(String message, IOException cause) {
        super(message, cause);
    }

    public AddressResolutionException(String message) {
        super(message);
    }
}
