package org.jasyncio.sync;

/** {@link Queue#putNowait} found the queue full: asyncio's {@code QueueFull}. */
public class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(int maxsize) {
        super("the queue is full (maxsize " + maxsize + "); use put() to wait for room");
    }
}
