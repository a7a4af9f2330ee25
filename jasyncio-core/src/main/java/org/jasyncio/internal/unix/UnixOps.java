package org.jasyncio.internal.unix;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.internal.net.Awaiting;
import org.jasyncio.internal.net.NetworkOps;
import org.jasyncio.internal.net.ServerHooks;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AddressInUseException;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.UnixServerOptions;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.StreamProtocol;

/**
 * The Unix-socket half of a readiness loop, one per loop: asyncio's
 * {@code create_unix_connection} and {@code create_unix_server}. The loop's methods
 * delegate here one for one.
 *
 * <p>Path-bound sockets are the JDK's AF_UNIX channels, so they work on every backend:
 * connections and servers go through the same connector, transport, accept loop and
 * {@code Server} as TCP ({@link NetworkOps}), with two additions passed as
 * {@link ServerHooks}: each transport's {@code "peercred"} extra info, and the socket
 * file's clean-up when the server closes ({@link SocketFiles}).
 */
public final class UnixOps {
    private final EventLoop loop;
    private final NetworkOps network;

    public UnixOps(EventLoop loop, NetworkOps network) {
        this.loop = loop;
        this.network = network;
    }

    // ---------------------------------------------------------------- connections

    public <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> factory, Path path) {
        Objects.requireNonNull(factory, "protocolFactory");
        Awaiting.require(loop, "createUnixConnection");
        if (path == null) {
            throw new IllegalArgumentException("no path and sock were specified: pass the server's socket path, "
                    + "or a connected socket to createUnixConnection(factory, SocketChannel)");
        }
        SocketChannel sock = openStream();
        boolean done = false;
        try {
            network.sockConnect(sock, UnixDomainSocketAddress.of(path));
            done = true;
        } finally {
            if (!done) {
                closeQuietly(sock);
            }
        }
        return network.wrapOwnConnection(factory, sock, PeerCredentialsReader.extraInfo(sock));
    }

    public <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> factory,
            SocketChannel sock) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(sock, "sock");
        Awaiting.require(loop, "createUnixConnection");
        requireUnix(sock);
        return network.wrapGivenConnection(factory, sock, "createUnixConnection",
                sock.isConnected() ? PeerCredentialsReader.extraInfo(sock) : null);
    }

    // ---------------------------------------------------------------- servers

    public Server createUnixServer(Supplier<? extends StreamProtocol> factory, Path path, UnixServerOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        Awaiting.require(loop, "createUnixServer");
        if (path == null) {
            throw new IllegalArgumentException("path was not specified, and no sock specified: pass a socket "
                    + "path, or a bound socket to createUnixServer(factory, ServerSocketChannel, options)");
        }
        SocketFiles.clearStale(path);
        ServerSocketChannel sock;
        try {
            sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw NetErrors.map(e, "cannot create a Unix domain socket");
        }
        try {
            sock.configureBlocking(false);
            sock.bind(UnixDomainSocketAddress.of(path), options.backlog());
        } catch (IOException e) {
            closeQuietly(sock);
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                throw new AddressInUseException("Address '" + path + "' is already in use (a file of another "
                        + "kind is there, or the socket could not be replaced): remove it or choose another path", e);
            }
            throw NetErrors.map(e, "cannot bind a Unix domain socket to '" + path + "'");
        } catch (RuntimeException | Error e) {
            closeQuietly(sock);
            throw e;
        }
        return serve(factory, sock, options);
    }

    public Server createUnixServer(Supplier<? extends StreamProtocol> factory, ServerSocketChannel sock,
            UnixServerOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(sock, "sock");
        Objects.requireNonNull(options, "options");
        Awaiting.require(loop, "createUnixServer");
        requireUnix(sock);
        if (!sock.isOpen()) {
            throw new NetworkException("Bad file descriptor (the socket is closed)");
        }
        try {
            if (sock.getLocalAddress() == null) {
                throw new IllegalArgumentException("the server socket is not bound: bind it to a path (which also "
                        + "listens), or pass the path to createUnixServer");
            }
            sock.configureBlocking(false);
        } catch (IOException e) {
            throw NetErrors.map(e);
        }
        return serve(factory, sock, options);
    }

    private Server serve(Supplier<? extends StreamProtocol> factory, ServerSocketChannel sock,
            UnixServerOptions options) {
        Runnable cleanup = null;
        if (options.cleanupSocket()) {
            Path bound = boundPath(sock);
            if (bound != null) {
                Object identity = SocketFiles.identity(bound);
                cleanup = () -> SocketFiles.removeIfSame(bound, identity);
            }
        }
        ServerHooks hooks = new ServerHooks(PeerCredentialsReader::extraInfo, cleanup);
        return network.serve(factory, List.of(sock), options.backlog(), options.startServing(), hooks);
    }

    private static Path boundPath(ServerSocketChannel sock) {
        try {
            if (sock.getLocalAddress() instanceof UnixDomainSocketAddress unix
                    && !unix.getPath().toString().isEmpty()) {
                return unix.getPath();
            }
        } catch (IOException e) {
            // closed meanwhile: nothing to clean up
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Refuses a socket of another family (asyncio's "A UNIX Domain Stream Socket was
     * expected"). An unbound, unconnected channel has no address to tell its family by;
     * the JDK gives AF_UNIX channels no address-reuse or TCP options, which tells it then.
     */
    private static void requireUnix(NetworkChannel sock) {
        boolean unix;
        try {
            SocketAddress local = sock.getLocalAddress();
            SocketAddress remote = sock instanceof SocketChannel s ? s.getRemoteAddress() : null;
            SocketAddress known = remote != null ? remote : local;
            unix = known != null ? known instanceof UnixDomainSocketAddress
                    : !sock.supportedOptions().contains(StandardSocketOptions.SO_REUSEADDR);
        } catch (IOException e) {
            throw NetErrors.map(e);
        }
        if (!unix) {
            throw new IllegalArgumentException("A UNIX Domain Stream Socket was expected, got " + sock
                    + ": open it with StandardProtocolFamily.UNIX, or use createConnection/createServer for TCP");
        }
    }

    private static SocketChannel openStream() {
        try {
            SocketChannel sock = SocketChannel.open(StandardProtocolFamily.UNIX);
            sock.configureBlocking(false);
            return sock;
        } catch (IOException | UnsupportedOperationException e) {
            throw new NetworkException("cannot create a Unix domain socket: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
