package org.jasyncio.task;

/**
 * A future was asked for something its state does not allow: asyncio's
 * {@code InvalidStateError} (a result that is not ready, a second result, ...).
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateException(String message) {
        super(message);
    }
}
