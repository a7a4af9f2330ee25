package org.jasyncio.sync;

/**
 * A put on a queue that was shut down, or a get on one that was shut down and is empty
 * (or was shut down immediately): asyncio 3.13's {@code QueueShutDown}.
 */
public class QueueShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueShutDownException(String message) {
        super(message);
    }
}
