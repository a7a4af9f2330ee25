package org.jasyncio.net;

/**
 * The keyword arguments of asyncio's {@code create_unix_server}, with its defaults
 * ({@link #DEFAULTS}).
 *
 * @param backlog       the listen queue length; 100 by default
 * @param startServing  start accepting at once (default); with {@code false} call
 *                      {@code Server.startServing()} or {@code serveForever()} later
 * @param cleanupSocket remove the socket file when the server closes, if it is still the
 *                      file this server bound (asyncio 3.13's {@code cleanup_socket});
 *                      {@code true} by default
 */
public record UnixServerOptions(int backlog, boolean startServing, boolean cleanupSocket) {

    /** asyncio's defaults. */
    public static final UnixServerOptions DEFAULTS = new UnixServerOptions(100, true, true);

    public UnixServerOptions {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
    }

    public UnixServerOptions withBacklog(int value) {
        return new UnixServerOptions(value, startServing, cleanupSocket);
    }

    public UnixServerOptions withStartServing(boolean value) {
        return new UnixServerOptions(backlog, value, cleanupSocket);
    }

    public UnixServerOptions withCleanupSocket(boolean value) {
        return new UnixServerOptions(backlog, startServing, value);
    }
}
