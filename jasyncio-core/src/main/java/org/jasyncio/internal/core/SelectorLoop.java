package org.jasyncio.internal.core;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.io.BackendFactory;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.internal.net.NetworkOps;
import org.jasyncio.internal.process.ChildStrategy;
import org.jasyncio.internal.process.LoopPipeConnector;
import org.jasyncio.internal.process.SubprocessOps;
import org.jasyncio.internal.pipe.PipeOps;
import org.jasyncio.internal.signal.LoopSignalHandlers;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Handle;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.loop.Signal;
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
import org.jasyncio.subprocess.ChildWatcher;
import org.jasyncio.subprocess.SubprocessConnection;
import org.jasyncio.subprocess.SubprocessOptions;
import org.jasyncio.subprocess.SubprocessProtocol;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.ReadPipe;
import org.jasyncio.transport.StreamProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;

/**
 * A readiness loop: the run loop over a selector-style backend. Its network methods
 * delegate one for one to {@link NetworkOps} (sockets, DNS, connections, servers,
 * datagrams), after the closed-loop and thread checks.
 */
public final class SelectorLoop extends BaseLoop implements SelectorEventLoop {
    /** The public name of this loop kind, in explanations and the capability matrix. */
    public static final String LOOP_NAME = "SelectorEventLoop";

    private final Backend backendKind;
    private final ReadinessBackend readiness;
    private final ReaderWriterTable readersWriters;
    private final NetworkOps network;
    private SubprocessOps subprocesses;
    private final PipeOps pipes;
    private final LoopSignalHandlers signals;
    private final org.jasyncio.internal.unix.UnixOps unix;

    public SelectorLoop(Backend backend) {
        this(backend, SchedulerChoice.AUTO);
    }

    public SelectorLoop(Backend backend, SchedulerChoice scheduler) {
        this(BackendFactory.openReadiness(checkReadiness(backend)), backend, scheduler);
    }

    private SelectorLoop(ReadinessBackend readiness, Backend backend, SchedulerChoice scheduler) {
        super(readiness, scheduler);
        this.readiness = readiness;
        this.backendKind = backend;
        this.readersWriters = new ReaderWriterTable(this, readiness);
        this.network = new NetworkOps(this, readiness);
        this.pipes = new PipeOps(network.io());
        this.signals = new LoopSignalHandlers(this);
        this.unix = new org.jasyncio.internal.unix.UnixOps(this, network);
    }

    /** The loop's network component (for tests and reports). */
    public NetworkOps network() {
        return network;
    }

    @Override
    protected void closeIo() {
        signals.closeAll();
        readersWriters.clear();
        network.closeAll();
        if (subprocesses != null) {
            subprocesses.closeAll();
        }
    }

    /** The backend as a readiness backend, for the I/O components of this loop. */
    public ReadinessBackend readiness() {
        return readiness;
    }

    private static Backend checkReadiness(Backend backend) {
        if (backend.kind() != Backend.Kind.READINESS) {
            throw new IllegalArgumentException("a selector loop needs a readiness backend; '" + backend.id()
                    + "' is a completion backend: use a proactor loop for it");
        }
        return backend;
    }

    // ================================================================== pipes (delegated)

    private PipeOps pipes(String operation) {
        checkClosed();
        checkThread(operation);
        return pipes;
    }

    @Override
    public <P extends StreamProtocol> ReadPipe<P> connectReadPipe(Supplier<? extends P> protocolFactory,
            Pipe.SourceChannel pipe) {
        return pipes("connectReadPipe").connectReadPipe(protocolFactory, pipe);
    }

    @Override
    public <P extends StreamProtocol> ReadPipe<P> connectReadPipe(Supplier<? extends P> protocolFactory, int fd) {
        return pipes("connectReadPipe").connectReadPipe(protocolFactory, fd);
    }

    @Override
    public <P extends BaseProtocol<? super Transport>> WritePipe<P> connectWritePipe(
            Supplier<? extends P> protocolFactory, Pipe.SinkChannel pipe) {
        return pipes("connectWritePipe").connectWritePipe(protocolFactory, pipe);
    }

    @Override
    public <P extends BaseProtocol<? super Transport>> WritePipe<P> connectWritePipe(
            Supplier<? extends P> protocolFactory, int fd) {
        return pipes("connectWritePipe").connectWritePipe(protocolFactory, fd);
    }

    // ================================================================== network (delegated)

    private NetworkOps net(String operation) {
        checkClosed();
        checkThread(operation);
        return network;
    }

    @Override
    public <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> protocolFactory, String host,
            int port, ConnectionOptions options) {
        return net("createConnection").createConnection(protocolFactory, host, port, options);
    }

    @Override
    public <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> protocolFactory,
            SocketChannel sock) {
        return net("createConnection").createConnection(protocolFactory, sock);
    }

    @Override
    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(
            Supplier<? extends P> protocolFactory, DatagramOptions options) {
        return net("createDatagramEndpoint").createDatagramEndpoint(protocolFactory, options);
    }

    @Override
    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(
            Supplier<? extends P> protocolFactory, DatagramChannel sock) {
        return net("createDatagramEndpoint").createDatagramEndpoint(protocolFactory, sock);
    }

    @Override
    public Server createServer(Supplier<? extends StreamProtocol> protocolFactory, List<String> hosts, int port,
            ServerOptions options) {
        return net("createServer").createServer(protocolFactory, hosts, port, options);
    }

    @Override
    public Server createServer(Supplier<? extends StreamProtocol> protocolFactory, ServerSocketChannel sock,
            ServerOptions options) {
        return net("createServer").createServer(protocolFactory, sock, options);
    }

    @Override
    public <P extends StreamProtocol> Connection<P> connectAcceptedSocket(Supplier<? extends P> protocolFactory,
            SocketChannel sock) {
        return net("connectAcceptedSocket").connectAcceptedSocket(protocolFactory, sock);
    }

    // ---- Unix domain sockets (issue 6): delegated to internal.unix.UnixOps

    private org.jasyncio.internal.unix.UnixOps unix(String operation, Object address) {
        checkClosed();
        checkThread(operation);
        capabilityAnswers().require(Capability.UNIX_SOCKETS, operation);
        if (address instanceof org.jasyncio.net.AbstractUnixAddress) {
            capabilityAnswers().require(Capability.UNIX_ABSTRACT_NAMES, operation);
        }
        return unix;
    }

    @Override
    public <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> protocolFactory,
            SocketAddress address) {
        return unix("createUnixConnection", address).createUnixConnection(protocolFactory, address);
    }

    @Override
    public <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> protocolFactory,
            SocketChannel sock) {
        return unix("createUnixConnection", sock).createUnixConnection(protocolFactory, sock);
    }

    @Override
    public Server createUnixServer(Supplier<? extends StreamProtocol> protocolFactory, SocketAddress address,
            org.jasyncio.net.UnixServerOptions options) {
        return unix("createUnixServer", address).createUnixServer(protocolFactory, address, options);
    }

    @Override
    public Server createUnixServer(Supplier<? extends StreamProtocol> protocolFactory, ServerSocketChannel sock,
            org.jasyncio.net.UnixServerOptions options) {
        return unix("createUnixServer", sock).createUnixServer(protocolFactory, sock, options);
    }

    @Override
    public <P extends DatagramProtocol> DatagramEndpoint<P> createUnixDatagramEndpoint(
            Supplier<? extends P> protocolFactory, SocketAddress localAddr, SocketAddress remoteAddr) {
        org.jasyncio.internal.unix.UnixOps ops = unix("createUnixDatagramEndpoint", null);
        capabilityAnswers().require(Capability.UNIX_DATAGRAM, "createUnixDatagramEndpoint");
        return ops.createUnixDatagramEndpoint(protocolFactory, localAddr, remoteAddr);
    }

    @Override
    public long sockSendfile(SocketChannel sock, FileChannel file, long offset, Long count) {
        return net("sockSendfile").sockSendfile(sock, file, offset, count);
    }

    @Override
    public long sendfile(org.jasyncio.transport.WriteTransport transport, FileChannel file, long offset, Long count,
            boolean fallback) {
        return net("sendfile").sendfile(transport, file, offset, count, fallback);
    }

    @Override
    public byte[] sockRecv(SocketChannel sock, int nbytes) {
        return net("sockRecv").sockRecv(sock, nbytes);
    }

    @Override
    public int sockRecvInto(SocketChannel sock, ByteBuffer buf) {
        return net("sockRecvInto").sockRecvInto(sock, buf);
    }

    @Override
    public ReceivedFrom sockRecvfrom(DatagramChannel sock, int bufsize) {
        return net("sockRecvfrom").sockRecvfrom(sock, bufsize);
    }

    @Override
    public ReceivedInto sockRecvfromInto(DatagramChannel sock, ByteBuffer buf) {
        return net("sockRecvfromInto").sockRecvfromInto(sock, buf);
    }

    @Override
    public void sockSendall(SocketChannel sock, ByteBuffer data) {
        net("sockSendall").sockSendall(sock, data);
    }

    @Override
    public int sockSendto(DatagramChannel sock, ByteBuffer data, SocketAddress address) {
        return net("sockSendto").sockSendto(sock, data, address);
    }

    @Override
    public void sockConnect(SocketChannel sock, SocketAddress address) {
        net("sockConnect").sockConnect(sock, address);
    }

    @Override
    public void sockConnect(DatagramChannel sock, SocketAddress address) {
        net("sockConnect").sockConnect(sock, address);
    }

    @Override
    public Accepted sockAccept(ServerSocketChannel sock) {
        return net("sockAccept").sockAccept(sock);
    }

    @Override
    public List<AddressInfo> getaddrinfo(String host, int port, AddressFamily family, SocketKind type, int flags) {
        return net("getaddrinfo").getaddrinfo(host, port, family, type, flags);
    }

    @Override
    public NameInfo getnameinfo(InetSocketAddress address, int flags) {
        return net("getnameinfo").getnameinfo(address, flags);
    }

    // ================================================================== subprocesses (delegated)

    private SubprocessOps subprocesses(String operation) {
        checkClosed();
        checkThread(operation);
        return subprocessOps();
    }

    /** The loop's subprocess component, created on first use (for tests and reports). */
    public SubprocessOps subprocessOps() {
        if (subprocesses == null) {
            subprocesses = new SubprocessOps(this, traits(), new LoopPipeConnector(this));
        }
        return subprocesses;
    }

    @Override
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(Supplier<? extends P> protocolFactory,
            List<String> args, SubprocessOptions options) {
        return subprocesses("subprocessExec").subprocessExec(protocolFactory, args, options);
    }

    @Override
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(
            Supplier<? extends P> protocolFactory, String cmd, SubprocessOptions options) {
        return subprocesses("subprocessShell").subprocessShell(protocolFactory, cmd, options);
    }

    @Override
    public ChildWatcher childWatcher() {
        return ChildStrategy.choose(traits());
    }

    @Override
    public Backend backend() {
        return backendKind;
    }

    @Override
    protected LoopTraits traits() {
        return LoopTraits.of(LOOP_NAME, backendKind, readiness.watchesRawDescriptors());
    }

    // ================================================================== watching file descriptors

    @Override
    public Handle addReader(SelectableChannel channel, Runnable callback) {
        return add("addReader", channel, ReadinessBackend.READ, callback);
    }

    @Override
    public Handle addReader(int fd, Runnable callback) {
        return add("addReader", fd, ReadinessBackend.READ, callback);
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        return remove("removeReader", Objects.requireNonNull(channel, "channel"), ReadinessBackend.READ);
    }

    @Override
    public boolean removeReader(int fd) {
        return remove("removeReader", fd, ReadinessBackend.READ);
    }

    @Override
    public Handle addWriter(SelectableChannel channel, Runnable callback) {
        return add("addWriter", channel, ReadinessBackend.WRITE, callback);
    }

    @Override
    public Handle addWriter(int fd, Runnable callback) {
        return add("addWriter", fd, ReadinessBackend.WRITE, callback);
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        return remove("removeWriter", Objects.requireNonNull(channel, "channel"), ReadinessBackend.WRITE);
    }

    @Override
    public boolean removeWriter(int fd) {
        return remove("removeWriter", fd, ReadinessBackend.WRITE);
    }

    private Handle add(String operation, SelectableChannel channel, int side, Runnable callback) {
        Objects.requireNonNull(channel, "channel");
        checkClosed();
        checkThread(operation);
        return readersWriters.add(channel, Pollable.of(channel), side, callback);
    }

    private Handle add(String operation, int fd, int side, Runnable callback) {
        checkClosed();
        checkThread(operation);
        Pollable source = Pollable.of(fd);
        capabilityAnswers().require(Capability.RAW_FILE_DESCRIPTORS, operation + "(int fd)");
        return readersWriters.add(fd, source, side, callback);
    }

    private boolean remove(String operation, Object key, int side) {
        if (isClosed()) {
            return false;
        }
        checkThread(operation);
        return readersWriters.remove(key, side);
    }

    // ================================================================== unix signals (delegated)

    @Override
    public void addSignalHandler(Signal signal, Runnable callback) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(callback, "callback");
        checkClosed();
        checkThread("addSignalHandler");
        capabilityAnswers().require(Capability.SIGNAL_HANDLERS, "addSignalHandler");
        signals.add(signal, callback, org.jasyncio.context.Context.copyCurrent());
    }

    @Override
    public boolean removeSignalHandler(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        checkThread("removeSignalHandler");
        return signals.remove(signal);
    }
}
