package org.jasyncio.sync;

/**
 * A {@link Barrier} was aborted or reset while (or before) a task waited on it: asyncio's
 * {@code BrokenBarrierError} (a {@code RuntimeError}, hence an
 * {@link IllegalStateException} here; unchecked, unlike
 * {@link java.util.concurrent.BrokenBarrierException}).
 */
public class BrokenBarrierException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierException(String message) {
        super(message);
    }
}
