package org.jasyncio.internal.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.Accepted;
import org.jasyncio.net.AddressFamily;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.ConnectionOptions;
import org.jasyncio.net.DatagramOptions;
import org.jasyncio.net.NameInfo;
import org.jasyncio.net.ReceivedFrom;
import org.jasyncio.net.ReceivedInto;
import org.jasyncio.net.ServerOptions;
import org.jasyncio.net.SocketKind;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.StreamProtocol;

/**
 * The network half of a readiness loop, one per loop: the loop's {@code EventLoop}
 * network methods delegate here one for one, and this class hands each to the component
 * that owns the concern (sockets, resolution, connections, servers, datagrams).
 */
public final class NetworkOps {
    private final IoContext io;
    private final Resolution resolution;
    private final SockOps sockOps;
    private final Connector connector;
    private final ServerBinder servers;
    private final DatagramEndpoints datagrams;

    public NetworkOps(EventLoop loop, ReadinessBackend backend) {
        this.io = new IoContext(loop, backend);
        this.resolution = new Resolution(loop);
        this.sockOps = new SockOps(io, resolution);
        this.connector = new Connector(io, resolution, sockOps);
        this.servers = new ServerBinder(io, resolution);
        this.datagrams = new DatagramEndpoints(io, resolution);
    }

    /** Shared transport state (for the loop's own checks and for tests). */
    public IoContext io() {
        return io;
    }

    /** The socket operations (for tests: what they still wait on). */
    SockOps sockOps() {
        return sockOps;
    }

    /** The connection maker (for tests of the address race). */
    Connector connector() {
        return connector;
    }

    /** The loop closes: every socket a transport or server still owns is closed. */
    public void closeAll() {
        io.closeAll();
    }

    // ---------------------------------------------------------------- connections

    public <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> factory, String host,
            int port, ConnectionOptions options) {
        return connector.createConnection(Objects.requireNonNull(factory, "protocolFactory"), host, port,
                Objects.requireNonNull(options, "options"));
    }

    public <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> factory,
            SocketChannel sock) {
        return connector.createConnection(Objects.requireNonNull(factory, "protocolFactory"),
                Objects.requireNonNull(sock, "sock"), "createConnection");
    }

    public <P extends StreamProtocol> Connection<P> connectAcceptedSocket(Supplier<? extends P> factory,
            SocketChannel sock) {
        return connector.createConnection(Objects.requireNonNull(factory, "protocolFactory"),
                Objects.requireNonNull(sock, "sock"), "connectAcceptedSocket");
    }

    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(Supplier<? extends P> factory,
            DatagramOptions options) {
        return datagrams.create(Objects.requireNonNull(factory, "protocolFactory"),
                Objects.requireNonNull(options, "options"));
    }

    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(Supplier<? extends P> factory,
            DatagramChannel sock) {
        return datagrams.create(Objects.requireNonNull(factory, "protocolFactory"), Objects.requireNonNull(sock, "sock"));
    }

    // ---------------------------------------------------------------- servers

    public Server createServer(Supplier<? extends StreamProtocol> factory, List<String> hosts, int port,
            ServerOptions options) {
        return servers.createServer(Objects.requireNonNull(factory, "protocolFactory"), hosts, port,
                Objects.requireNonNull(options, "options"));
    }

    public Server createServer(Supplier<? extends StreamProtocol> factory, ServerSocketChannel sock,
            ServerOptions options) {
        return servers.createServer(Objects.requireNonNull(factory, "protocolFactory"),
                Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(options, "options"));
    }

    // ---------------------------------------------------------------- for other stream families (internal.unix)

    /**
     * Wraps a stream socket the caller opened and connected (the transport owns it; on
     * failure it is closed), with more extra info (may be {@code null}). Awaiting.
     */
    public <P extends StreamProtocol> Connection<P> wrapOwnConnection(Supplier<? extends P> factory,
            SocketChannel sock, Map<String, Object> extra) {
        return connector.wrap(factory, sock, true, extra);
    }

    /** {@code sock=}: checks and wraps a connected stream socket the user gave, with more extra info. Awaiting. */
    public <P extends StreamProtocol> Connection<P> wrapGivenConnection(Supplier<? extends P> factory,
            SocketChannel sock, String operation, Map<String, Object> extra) {
        return connector.createConnection(factory, sock, operation, extra);
    }

    /**
     * Serves on listening, non-blocking sockets the caller checked (the server owns them
     * from now on), with the hooks of their family. Awaiting.
     */
    public Server serve(Supplier<? extends StreamProtocol> factory, List<ServerSocketChannel> sockets, int backlog,
            boolean startServing, ServerHooks hooks) {
        return servers.start(factory, sockets, backlog, false, startServing, hooks);
    }

    /**
     * A datagram endpoint over a socket the caller opened (a raw AF_UNIX descriptor, say):
     * the transport owns it; it is closed if the protocol factory fails. Awaiting.
     */
    public <P extends DatagramProtocol> DatagramEndpoint<P> wrapDatagram(Supplier<? extends P> factory,
            org.jasyncio.internal.transport.DatagramIo socket, SocketAddress remote) {
        return datagrams.wrap(factory, socket, remote, socket::close);
    }

    // ---------------------------------------------------------------- sockets

    public long sockSendfile(SocketChannel sock, FileChannel file, long offset, Long count) {
        return sockOps.sockSendfile(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(file, "file"), offset,
                count);
    }

    public long sendfile(org.jasyncio.transport.WriteTransport transport, FileChannel file, long offset, Long count,
            boolean fallback) {
        return org.jasyncio.internal.transport.TransportSendfile.send(io.loop(),
                Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(file, "file"), offset, count,
                fallback);
    }

    public byte[] sockRecv(SocketChannel sock, int nbytes) {
        return sockOps.sockRecv(Objects.requireNonNull(sock, "sock"), nbytes);
    }

    public int sockRecvInto(SocketChannel sock, ByteBuffer buf) {
        return sockOps.sockRecvInto(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(buf, "buf"));
    }

    public ReceivedFrom sockRecvfrom(DatagramChannel sock, int bufsize) {
        return sockOps.sockRecvfrom(Objects.requireNonNull(sock, "sock"), bufsize);
    }

    public ReceivedInto sockRecvfromInto(DatagramChannel sock, ByteBuffer buf) {
        return sockOps.sockRecvfromInto(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(buf, "buf"));
    }

    public void sockSendall(SocketChannel sock, ByteBuffer data) {
        sockOps.sockSendall(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(data, "data"));
    }

    public int sockSendto(DatagramChannel sock, ByteBuffer data, SocketAddress address) {
        return sockOps.sockSendto(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(data, "data"),
                Objects.requireNonNull(address, "address"));
    }

    public void sockConnect(SocketChannel sock, SocketAddress address) {
        sockOps.sockConnect(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(address, "address"));
    }

    public void sockConnect(DatagramChannel sock, SocketAddress address) {
        sockOps.sockConnect(Objects.requireNonNull(sock, "sock"), Objects.requireNonNull(address, "address"));
    }

    public Accepted sockAccept(ServerSocketChannel sock) {
        return sockOps.sockAccept(Objects.requireNonNull(sock, "sock"));
    }

    // ---------------------------------------------------------------- DNS

    public List<AddressInfo> getaddrinfo(String host, int port, AddressFamily family, SocketKind type, int flags) {
        return resolution.getaddrinfo(host, port, family, type, flags);
    }

    public NameInfo getnameinfo(InetSocketAddress address, int flags) {
        return resolution.getnameinfo(Objects.requireNonNull(address, "address"), flags);
    }
}
