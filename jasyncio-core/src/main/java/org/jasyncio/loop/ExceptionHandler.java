package org.jasyncio.loop;

/**
 * Receives errors nobody else could handle: asyncio's exception handler
 * ({@link EventLoop#setExceptionHandler}). Runs on the loop thread.
 */
@FunctionalInterface
public interface ExceptionHandler {
    void handle(EventLoop loop, ExceptionContext context);
}
