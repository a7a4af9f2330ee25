package org.jasyncio.loop;

import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * A listening server made by {@link EventLoop#createServer}: asyncio's {@code Server}.
 *
 * <p>{@link #startServing()}, {@link #serveForever()} and {@link #waitClosed()} are
 * awaiting methods: they park the calling task (and throw {@link IllegalStateException}
 * outside a task). {@link #close()} is immediate, so a server fits try-with-resources;
 * asyncio's {@code async with server} is {@code try (server) { ... } server.waitClosed();}.
 *
 * <p>Threading: loop-confined, like every loop object.
 */
public interface Server extends AutoCloseable {

    EventLoop getLoop();

    /** Whether the server is accepting connections. */
    boolean isServing();

    /**
     * The listening sockets, or an empty list once closed. Read options and addresses
     * from them; do not accept on, reconfigure or close them.
     */
    List<ServerSocketChannel> sockets();

    /**
     * Starts accepting connections if it was not already (idempotent), then lets the loop
     * run once so that the sockets are watched before this returns. Awaiting.
     */
    void startServing();

    /**
     * Accepts connections until the calling task is cancelled, then closes the server and
     * waits for it to be closed before re-throwing the cancellation. Awaiting.
     *
     * @throws IllegalStateException if the server is closed, or another task is already in
     *         {@code serveForever}
     */
    void serveForever();

    /**
     * Stops listening: the listening sockets are closed; connections already accepted stay
     * open (see {@link #closeClients()}). Idempotent.
     */
    @Override
    void close();

    /** Closes every connection accepted by this server (buffered data is still sent). */
    void closeClients();

    /** Aborts every connection accepted by this server (buffered data is dropped). */
    void abortClients();

    /**
     * Returns once the server is closed and every connection it accepted is gone, in
     * either order (asyncio 3.12.1's meaning). Awaiting.
     */
    void waitClosed();
}
