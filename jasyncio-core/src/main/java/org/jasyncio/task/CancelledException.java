package org.jasyncio.task;

/**
 * The operation or task was cancelled: asyncio's {@code CancelledError}.
 *
 * <p>Like asyncio's (a {@code BaseException} since 3.8) and like Java's old
 * {@code ThreadDeath}, it extends {@link Error}, not {@link Exception}: cancellation is a
 * normal event that code catching {@code Exception} to log and carry on must not swallow
 * by accident. Catch it by name when you mean to, and re-throw it (or call
 * {@link Task#uncancel()}) after cleaning up.
 */
public class CancelledException extends Error {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super();
    }

    public CancelledException(String message) {
        super(message);
    }

    public CancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
