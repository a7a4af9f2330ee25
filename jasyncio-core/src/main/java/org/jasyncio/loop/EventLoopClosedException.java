package org.jasyncio.loop;

/** The loop was used after {@link EventLoop#close()}: asyncio's "Event loop is closed". */
public class EventLoopClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public EventLoopClosedException(String message) {
        super(message);
    }
}
