package org.jasyncio.task;

/**
 * An operation ran out of time: asyncio's {@code TimeoutError} as {@link Timeout},
 * {@code AsyncIO.waitFor} and {@code AsyncIO.asCompleted} raise it.
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.TimeoutException}: asyncio's is an
 * ordinary {@code Exception} any code may let through. When a {@link Timeout} converts the
 * cancellation it caused, the {@link CancelledException} is the cause.
 */
public class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutException() {
        super();
    }

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
