package org.jasyncio.sync;

/** {@link Queue#getNowait()} found the queue empty: asyncio's {@code QueueEmpty}. */
public class QueueEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueEmptyException() {
        super("the queue is empty; use get() to wait for an item");
    }
}
