package org.jasyncio.stream;

/**
 * What a stream server runs for each accepted connection: asyncio's
 * {@code client_connected_cb}. It runs as a task of its own; when it throws, the error is
 * reported to the loop's exception handler ("Unhandled exception in client_connected_cb")
 * and the connection is closed; when the task is cancelled, the connection is closed.
 */
@FunctionalInterface
public interface ClientConnected {
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
