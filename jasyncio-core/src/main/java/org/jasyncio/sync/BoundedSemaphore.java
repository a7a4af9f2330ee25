package org.jasyncio.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired:
 * asyncio's {@code BoundedSemaphore}. {@link #release()} beyond the initial value throws
 * {@link IllegalStateException}, catching a permit given back twice.
 */
public final class BoundedSemaphore extends Semaphore {
    /** A bounded semaphore with {@code value} permits, which is also its upper bound. */
    public BoundedSemaphore(int value) {
        super(value, true);
    }
}
