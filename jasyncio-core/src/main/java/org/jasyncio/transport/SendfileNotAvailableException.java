package org.jasyncio.transport;

/**
 * Zero-copy sending is not possible for this transport and the caller turned the fallback
 * off: asyncio's {@code SendfileNotAvailableError}. Nothing was sent; call
 * {@code loop.sendfile} again with {@code fallback = true} to read and write the file in
 * chunks instead.
 */
public class SendfileNotAvailableException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    public SendfileNotAvailableException(String message) {
        super(message);
    }
}
