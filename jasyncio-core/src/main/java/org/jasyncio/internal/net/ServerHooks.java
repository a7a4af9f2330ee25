package org.jasyncio.internal.net;

import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.function.Function;

/**
 * What a server of another socket family adds to the TCP server's behaviour
 * ({@link SocketServer}), so Unix domain servers reuse the same accept loop and
 * {@code Server} instead of a copy of them.
 *
 * @param connectionExtra extra info for the transport of each accepted connection (e.g.
 *                        the peer's credentials), or {@code null} for none; runs on the loop thread
 * @param socketsClosed   runs once, after the server's listening sockets were closed (by
 *                        {@code Server.close()} or by the loop closing), e.g. to remove a
 *                        Unix socket's file; may be {@code null}
 */
public record ServerHooks(Function<SocketChannel, Map<String, Object>> connectionExtra, Runnable socketsClosed) {
    /** A plain TCP server's: nothing added. */
    public static final ServerHooks NONE = new ServerHooks(null, null);

    Map<String, Object> extraFor(SocketChannel conn) {
        return connectionExtra == null ? null : connectionExtra.apply(conn);
    }

    void closed() {
        if (socketsClosed != null) {
            socketsClosed.run();
        }
    }
}
