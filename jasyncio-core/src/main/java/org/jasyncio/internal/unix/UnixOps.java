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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.internal.net.NetworkOps;
import org.jasyncio.internal.net.ServerHooks;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.AddressInUseException;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.UnixServerOptions;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.StreamProtocol;
import org.jasyncio.transport.Transport;

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

    /** Connects to {@code address}: a path ({@link UnixDomainSocketAddress}) or an {@link AbstractUnixAddress}. */
    public <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> factory,
            SocketAddress address) {
        Objects.requireNonNull(factory, "protocolFactory");
        Awaiting.require(loop, "createUnixConnection");
        if (address == null) {
            throw new IllegalArgumentException("no path and sock were specified: pass the server's socket path, "
                    + "or a connected socket to createUnixConnection(factory, SocketChannel)");
        }
        SocketChannel sock;
        Map<String, Object> extra = new HashMap<>(2);
        if (address instanceof AbstractUnixAddress name) {
            sock = AbstractSockets.connect(name);
            extra.put(Transport.PEERNAME, name);
        } else {
            sock = connectPath(checkPath(address));
        }
        Map<String, Object> credentials = PeerCredentialsReader.extraInfo(sock);
        if (credentials != null) {
            extra.putAll(credentials);
        }
        return network.wrapOwnConnection(factory, sock, extra);
    }

    private SocketChannel connectPath(UnixDomainSocketAddress address) {
        SocketChannel sock = openStream();
        boolean done = false;
        try {
            network.sockConnect(sock, address);
            done = true;
            return sock;
        } catch (NetworkException e) {
            throw explainLongPath(e);
        } finally {
            if (!done) {
                closeQuietly(sock);
            }
        }
    }

    public <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> factory,
            SocketChannel sock) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(sock, "sock");
        Awaiting.require(loop, "createUnixConnection");
        requireUnix(sock);
        if (sock.isOpen() && !sock.isConnected()) {
            throw new IllegalArgumentException("the AF_UNIX socket must be connected: connect it first "
                    + "(loop.sockConnect(sock, UnixDomainSocketAddress.of(path))), or pass the server's path to "
                    + "createUnixConnection");
        }
        return network.wrapGivenConnection(factory, sock, "createUnixConnection",
                sock.isConnected() ? PeerCredentialsReader.extraInfo(sock) : null);
    }

    // ---------------------------------------------------------------- servers

    /** Listens on {@code address}: a path ({@link UnixDomainSocketAddress}) or an {@link AbstractUnixAddress}. */
    public Server createUnixServer(Supplier<? extends StreamProtocol> factory, SocketAddress address,
            UnixServerOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        Awaiting.require(loop, "createUnixServer");
        if (address == null) {
            throw new IllegalArgumentException("path was not specified, and no sock specified: pass a socket "
                    + "path, or a bound socket to createUnixServer(factory, ServerSocketChannel, options)");
        }
        if (address instanceof AbstractUnixAddress name) {
            return serve(factory, AbstractSockets.listen(name, options.backlog()), options, null);
        }
        Path path = checkPath(address).getPath();
        SocketFiles.clearStale(path);
        ServerSocketChannel sock;
        try {
            sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw NetErrors.map(e, "cannot create a Unix domain socket");
        }
        try {
            sock.configureBlocking(false);
            sock.bind(address, options.backlog());
        } catch (IOException e) {
            closeQuietly(sock);
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                throw new AddressInUseException("Address '" + path + "' is already in use (a file of another "
                        + "kind is there, or the socket could not be replaced): remove it or choose another path", e);
            }
            throw explainLongPath(NetErrors.map(e, "cannot bind a Unix domain socket to '" + path + "'"));
        } catch (RuntimeException | Error e) {
            closeQuietly(sock);
            throw e;
        }
        return serve(factory, sock, options, path);
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
        return serve(factory, sock, options, boundPath(sock));
    }

    /** Serves on {@code sock}; with {@code cleanupSocket}, the file at {@code bound} (if any) goes when it closes. */
    private Server serve(Supplier<? extends StreamProtocol> factory, ServerSocketChannel sock,
            UnixServerOptions options, Path bound) {
        Runnable cleanup = null;
        if (options.cleanupSocket()) {
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

    // ---------------------------------------------------------------- datagrams

    /**
     * An AF_UNIX datagram endpoint bound to {@code local} and/or connected to
     * {@code remote} (either may be {@code null}; paths or abstract names). Awaiting.
     */
    public <P extends DatagramProtocol> DatagramEndpoint<P> createUnixDatagramEndpoint(Supplier<? extends P> factory,
            SocketAddress local, SocketAddress remote) {
        Objects.requireNonNull(factory, "protocolFactory");
        Awaiting.require(loop, "createUnixDatagramEndpoint");
        UnixDatagramSocket socket = UnixDatagrams.open(local, remote);
        return network.wrapDatagram(factory, socket, remote);
    }

    // ---------------------------------------------------------------- helpers

    private static UnixDomainSocketAddress checkPath(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress path) {
            return path;
        }
        throw new IllegalArgumentException("a Unix socket address is a path (UnixDomainSocketAddress) or an "
                + "AbstractUnixAddress, not " + address + " (" + address.getClass().getName() + ")");
    }

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

    /**
     * The JDK refuses a path longer than {@code sun_path} with "Unix domain path too
     * long"; the error then says the bound and what to do. Other errors pass unchanged.
     */
    private static NetworkException explainLongPath(NetworkException e) {
        if (!String.valueOf(e.getMessage()).contains("path too long")) {
            return e;
        }
        return new NetworkException(e.getMessage() + ": a Unix socket path holds at most 107 bytes on Linux, 103 "
                + "on macOS; use a shorter one (a directory nearer the root, or a path relative to the working "
                + "directory), or an AbstractUnixAddress on Linux",
                e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
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
