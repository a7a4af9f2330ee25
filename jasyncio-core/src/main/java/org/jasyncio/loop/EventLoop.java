package org.jasyncio.loop;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import org.jasyncio.context.Context;
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
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.ReadPipe;
import org.jasyncio.transport.StreamProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;

/**
 * An event loop: asyncio's {@code AbstractEventLoop}, grouped under the same headings as
 * asyncio's documentation. Open one with {@link SelectorEventLoop#open()} (or let
 * {@code AsyncIO.run} do it); see docs/naming.md for the asyncio-name table.
 *
 * <p>Threading: the loop belongs to the thread running it. Methods other than
 * {@link #callSoonThreadsafe}, {@link #stop()}, {@link #isRunning()},
 * {@link #isClosed()}, {@link #time()}, {@link #inLoopThread()} and the capability
 * queries throw
 * {@link IllegalStateException} when called from another thread while the loop runs.
 */
public interface EventLoop extends AutoCloseable {

    // ---------------------------------------------------------------- running and stopping

    /** Runs until {@link #stop()} is called. */
    void runForever();

    /**
     * Runs until {@code future} is done and returns its result (or throws its exception).
     *
     * @throws IllegalStateException if the loop stopped before the future completed
     */
    <T> T runUntilComplete(Future<T> future);

    /** Wraps {@code coroutine} in a task, runs until it is done, returns its result. */
    <T> T runUntilComplete(Coroutine<T> coroutine);

    /** Stops the loop after the current iteration. Any thread may call it. */
    void stop();

    boolean isRunning();

    boolean isClosed();

    /**
     * Closes the loop: drops pending callbacks, shuts down the default executor without
     * waiting, releases the I/O backend. Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    void close();

    /**
     * Shuts the default executor down and completes when its threads have finished, or
     * after {@code timeout} with a warning (asyncio 3.12's default is 5 minutes).
     */
    Future<Void> shutdownDefaultExecutor(Duration timeout);

    /** {@link #shutdownDefaultExecutor(Duration)} with asyncio's 300-second timeout. */
    default Future<Void> shutdownDefaultExecutor() {
        return shutdownDefaultExecutor(Duration.ofSeconds(300));
    }

    // ---------------------------------------------------------------- scheduling callbacks

    /**
     * Schedules {@code callback} to run in the next iteration, in FIFO order, in a copy of
     * the current context (as asyncio's {@code Handle} copies it: what the callback sets
     * stays in the callback).
     */
    Handle callSoon(Runnable callback);

    /** {@link #callSoon(Runnable)} in the given context. */
    Handle callSoon(Runnable callback, Context context);

    /** {@link #callSoon(Runnable)} from any thread; wakes the loop. */
    Handle callSoonThreadsafe(Runnable callback);

    /** {@link #callSoonThreadsafe(Runnable)} in the given context. */
    Handle callSoonThreadsafe(Runnable callback, Context context);

    /** Schedules {@code callback} after {@code delay}; callbacks due at the same time run in order. */
    TimerHandle callLater(Duration delay, Runnable callback);

    TimerHandle callLater(Duration delay, Runnable callback, Context context);

    /** Schedules {@code callback} at {@code when}, in {@link #time()} seconds. */
    TimerHandle callAt(double when, Runnable callback);

    TimerHandle callAt(double when, Runnable callback, Context context);

    /** The loop's monotonic clock, in seconds (asyncio's {@code loop.time()}). */
    double time();

    /**
     * The clock's resolution as measured on this machine: the smallest step
     * {@link #time()} is seen to advance by. Timers due within it count as due.
     */
    Duration clockResolution();

    /**
     * Whether the caller runs on this loop: on its thread, or in one of its tasks
     * (Netty's {@code inEventLoop()}). Any thread may call it.
     */
    boolean inLoopThread();

    // ---------------------------------------------------------------- futures and tasks

    /** A new future attached to this loop. */
    <T> Future<T> createFuture();

    /** Wraps {@code coroutine} in a task scheduled to start soon; named {@code Task-N}. */
    <T> Task<T> createTask(Coroutine<T> coroutine);

    <T> Task<T> createTask(Coroutine<T> coroutine, String name);

    /** A task that runs in {@code context} (not a copy of it). */
    <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context);

    /** Installs the factory {@link #createTask} uses; {@code null} restores the default. */
    void setTaskFactory(TaskFactory factory);

    /** The installed task factory, or {@code null} for the default. */
    TaskFactory getTaskFactory();

    /** The tasks of this loop that are not done yet (asyncio's {@code all_tasks(loop)}). */
    Set<Task<?>> allTasks();

    // ================================================================ network I/O
    //
    // Awaiting methods. Everything in the sections "Opening network connections" through
    // "DNS" is asyncio's `await loop.xxx(...)`: the method parks the calling task until
    // the operation is done and returns its result directly (or throws its error), as
    // Future.await() and AsyncIO.sleep do. It must be called inside a task of this loop;
    // elsewhere it throws IllegalStateException saying so. The loop thread never blocks:
    // sockets are non-blocking and name resolution runs in the default executor. When an
    // operation can complete at once (data already there), it returns without suspending.
    // Errors are the unchecked org.jasyncio.net.NetworkException family (see that package).

    // ---------------------------------------------------------------- opening network connections

    /**
     * Connects to {@code host}:{@code port} over TCP and wraps the socket in a transport
     * for a protocol made by {@code protocolFactory}; returns once the protocol's
     * {@code connectionMade} has run. Awaiting. asyncio's {@code create_connection}.
     *
     * @throws org.jasyncio.net.ConnectionRefusedException (and the rest of the
     *         {@code NetworkException} family) when no address could be connected
     */
    default <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> protocolFactory,
            String host, int port) {
        return createConnection(protocolFactory, host, port, ConnectionOptions.DEFAULTS);
    }

    /**
     * {@link #createConnection(Supplier, String, int)} with asyncio's keyword arguments
     * ({@code family}, {@code flags}, {@code local_addr}, {@code happy_eyeballs_delay},
     * {@code interleave}, {@code all_errors}). Awaiting.
     */
    <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> protocolFactory, String host,
            int port, ConnectionOptions options);

    /**
     * Wraps an already connected socket ({@code create_connection(sock=...)}); the
     * transport owns it from now on. Awaiting.
     */
    <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> protocolFactory,
            SocketChannel sock);

    /** Creates a UDP endpoint: asyncio's {@code create_datagram_endpoint}. Awaiting. */
    <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(Supplier<? extends P> protocolFactory,
            DatagramOptions options);

    /** Wraps a bound or connected datagram socket ({@code create_datagram_endpoint(sock=...)}). Awaiting. */
    <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(Supplier<? extends P> protocolFactory,
            DatagramChannel sock);

    // ---------------------------------------------------------------- creating network servers

    /**
     * Listens on {@code host}:{@code port} ({@code null} or {@code ""}: every interface)
     * with asyncio's defaults, and starts serving. Awaiting. asyncio's {@code create_server}.
     */
    default Server createServer(Supplier<? extends StreamProtocol> protocolFactory, String host, int port) {
        return createServer(protocolFactory, host, port, ServerOptions.DEFAULTS);
    }

    /** {@link #createServer(Supplier, String, int)} with options. Awaiting. */
    default Server createServer(Supplier<? extends StreamProtocol> protocolFactory, String host, int port,
            ServerOptions options) {
        return createServer(protocolFactory, host == null ? null : java.util.Collections.singletonList(host), port,
                options);
    }

    /**
     * Listens on every address of every host in {@code hosts} (asyncio's sequence of
     * hosts; a host listed twice, even indirectly, is bound once). Awaiting.
     */
    Server createServer(Supplier<? extends StreamProtocol> protocolFactory, List<String> hosts, int port,
            ServerOptions options);

    /** Serves on an already bound (hence listening) socket ({@code create_server(sock=...)}). Awaiting. */
    Server createServer(Supplier<? extends StreamProtocol> protocolFactory, ServerSocketChannel sock,
            ServerOptions options);

    /**
     * Wraps a connection accepted outside the loop: asyncio's
     * {@code connect_accepted_socket}. Awaiting.
     */
    <P extends StreamProtocol> Connection<P> connectAcceptedSocket(Supplier<? extends P> protocolFactory,
            SocketChannel sock);

    // ---------------------------------------------------------------- Unix domain sockets
    //
    // asyncio's create_unix_connection / create_unix_server. Path-bound sockets work on
    // every SelectorEventLoop backend (Capability.UNIX_SOCKETS); Linux abstract-namespace
    // names (org.jasyncio.net.AbstractUnixAddress) where Capability.UNIX_ABSTRACT_NAMES
    // is supported. The transports answer getExtraInfo("peername"/"sockname") with the
    // socket's address (an unnamed client's path is empty) and "peercred" with a
    // org.jasyncio.net.PeerCredentials where the platform reports them (Linux with the
    // FFM bindings; absent elsewhere).

    /**
     * Connects to the Unix domain server at {@code path}: asyncio's
     * {@code create_unix_connection(factory, path)}. Awaiting.
     *
     * @throws org.jasyncio.net.NetworkException (its family) when the connection fails:
     *         no such file, refused (a stale socket file), ...
     * @throws UnsupportedOperationException where Unix sockets are not supported
     */
    default <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> protocolFactory,
            java.nio.file.Path path) {
        return createUnixConnection(protocolFactory,
                path == null ? null : (SocketAddress) java.net.UnixDomainSocketAddress.of(path));
    }

    /**
     * Connects to {@code address}: a path ({@link java.net.UnixDomainSocketAddress}) or an
     * abstract name ({@link org.jasyncio.net.AbstractUnixAddress}). Awaiting.
     *
     * @throws UnsupportedOperationException for an abstract name where
     *         {@link Capability#UNIX_ABSTRACT_NAMES} is not supported (the message says why)
     */
    <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> protocolFactory,
            SocketAddress address);

    /**
     * Wraps a connected AF_UNIX socket ({@code create_unix_connection(sock=...)}); the
     * transport owns it from now on. Awaiting.
     *
     * @throws IllegalArgumentException if it is not an AF_UNIX socket, or not connected
     */
    <P extends StreamProtocol> Connection<P> createUnixConnection(Supplier<? extends P> protocolFactory,
            SocketChannel sock);

    /** {@link #createUnixServer(Supplier, java.nio.file.Path, org.jasyncio.net.UnixServerOptions)} with asyncio's defaults. Awaiting. */
    default Server createUnixServer(Supplier<? extends StreamProtocol> protocolFactory, java.nio.file.Path path) {
        return createUnixServer(protocolFactory, path, org.jasyncio.net.UnixServerOptions.DEFAULTS);
    }

    /**
     * Listens on the Unix socket {@code path} and (by default) starts serving: asyncio's
     * {@code create_unix_server}. A stale socket file at {@code path} (nobody accepts on
     * it) is replaced; a live server's is never taken. With {@code cleanupSocket} (the
     * default) the file is removed when the server closes, if it is still the one bound.
     * Awaiting.
     *
     * @throws org.jasyncio.net.AddressInUseException if a live server listens on
     *         {@code path}, or a file of another kind is there
     */
    default Server createUnixServer(Supplier<? extends StreamProtocol> protocolFactory, java.nio.file.Path path,
            org.jasyncio.net.UnixServerOptions options) {
        return createUnixServer(protocolFactory,
                path == null ? null : (SocketAddress) java.net.UnixDomainSocketAddress.of(path), options);
    }

    /**
     * Listens on {@code address}: a path ({@link java.net.UnixDomainSocketAddress}, as
     * {@link #createUnixServer(Supplier, java.nio.file.Path, org.jasyncio.net.UnixServerOptions)})
     * or an abstract name ({@link org.jasyncio.net.AbstractUnixAddress}: no file, nothing to
     * clean up; the listening channel reports its name as an empty path). Awaiting.
     *
     * @throws org.jasyncio.net.AddressInUseException if the address is taken
     */
    Server createUnixServer(Supplier<? extends StreamProtocol> protocolFactory, SocketAddress address,
            org.jasyncio.net.UnixServerOptions options);

    /**
     * Serves on an already bound AF_UNIX socket ({@code create_unix_server(sock=...)});
     * {@code cleanupSocket} applies to the path it is bound to. Awaiting.
     *
     * @throws IllegalArgumentException if it is not an AF_UNIX socket, or not bound
     */
    Server createUnixServer(Supplier<? extends StreamProtocol> protocolFactory, ServerSocketChannel sock,
            org.jasyncio.net.UnixServerOptions options);

    /**
     * An AF_UNIX datagram endpoint: asyncio's {@code create_datagram_endpoint(factory,
     * local_addr=..., remote_addr=..., family=AF_UNIX)}. {@code localAddr} and
     * {@code remoteAddr} are paths ({@link java.net.UnixDomainSocketAddress}) or abstract
     * names ({@link org.jasyncio.net.AbstractUnixAddress}); either may be {@code null}. A
     * stale socket file at the local path is replaced, a live one refused; with a remote
     * address the socket is connected (the only destination). Senders arrive as the same
     * address types (an unbound sender as the empty path); the transport's
     * {@code getExtraInfo("socket")} is the descriptor number. Needs
     * {@link Capability#UNIX_DATAGRAM} (Linux, a backend that watches raw descriptors).
     * Awaiting.
     *
     * @throws UnsupportedOperationException where not supported (the message says why and
     *         what to use instead)
     */
    <P extends DatagramProtocol> DatagramEndpoint<P> createUnixDatagramEndpoint(Supplier<? extends P> protocolFactory,
            SocketAddress localAddr, SocketAddress remoteAddr);

    // ---------------------------------------------------------------- transferring files

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count == null}:
     * to the end) over {@code sock}, with {@code sendfile(2)} where the JDK has it, and
     * returns the bytes sent. The file position is left after the last byte sent.
     * Awaiting. asyncio's {@code sock_sendfile}; the JDK always has a way to transfer, so
     * asyncio's {@code fallback} argument has nothing to decide.
     */
    long sockSendfile(SocketChannel sock, FileChannel file, long offset, Long count);

    /** The whole file from its start. Awaiting. */
    default long sockSendfile(SocketChannel sock, FileChannel file) {
        return sockSendfile(sock, file, 0, null);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count == null}:
     * to the end) over {@code transport} and returns the bytes sent: asyncio's
     * {@code loop.sendfile}. Awaiting.
     *
     * <p>On the loop's socket transports the bytes go with {@code FileChannel.transferTo}
     * ({@code sendfile(2)}: zero copy) once the transport's write buffer is flushed;
     * reading is paused meanwhile and {@code transport.write()} is refused. Where that is
     * impossible, the file is read in chunks and written through the transport with flow
     * control ({@code fallback}); with {@code fallback == false} that case throws
     * {@link org.jasyncio.transport.SendfileNotAvailableException} before anything is sent.
     * The file position is left after the last byte sent.
     *
     * @throws IllegalStateException if the transport is closing
     * @throws UnsupportedOperationException for a transport the loop did not make
     * @throws IllegalArgumentException for a negative offset or a count that is not positive
     */
    long sendfile(org.jasyncio.transport.WriteTransport transport, FileChannel file, long offset, Long count,
            boolean fallback);

    /** The whole file from its start, with the fallback allowed. Awaiting. */
    default long sendfile(org.jasyncio.transport.WriteTransport transport, FileChannel file) {
        return sendfile(transport, file, 0, null, true);
    }

    // ---------------------------------------------------------------- working with socket objects directly

    /**
     * Receives up to {@code nbytes}; an empty array means end of stream. Awaiting.
     * The socket is put in non-blocking mode.
     */
    byte[] sockRecv(SocketChannel sock, int nbytes);

    /** Receives into {@code buf} (from its position); returns the count, 0 at end of stream. Awaiting. */
    int sockRecvInto(SocketChannel sock, ByteBuffer buf);

    /** Receives one datagram of up to {@code bufsize} bytes and its sender. Awaiting. */
    ReceivedFrom sockRecvfrom(DatagramChannel sock, int bufsize);

    /** Receives one datagram into {@code buf}; returns the count and the sender. Awaiting. */
    ReceivedInto sockRecvfromInto(DatagramChannel sock, ByteBuffer buf);

    /** Sends all of {@code data}, waiting for room as needed; consumes {@code data}. Awaiting. */
    void sockSendall(SocketChannel sock, ByteBuffer data);

    /** {@link #sockSendall(SocketChannel, ByteBuffer)} for an array. Awaiting. */
    default void sockSendall(SocketChannel sock, byte[] data) {
        sockSendall(sock, ByteBuffer.wrap(data));
    }

    /** Sends one datagram to {@code address}; returns the bytes sent. Awaiting. */
    int sockSendto(DatagramChannel sock, ByteBuffer data, SocketAddress address);

    /**
     * Connects {@code sock}; an unresolved {@link java.net.InetSocketAddress} is resolved
     * first (through the executor). Awaiting.
     */
    void sockConnect(SocketChannel sock, SocketAddress address);

    /** Connects a datagram socket (sets its default peer). Awaiting. */
    void sockConnect(DatagramChannel sock, SocketAddress address);

    /** Accepts one connection (returned in non-blocking mode) and its peer address. Awaiting. */
    Accepted sockAccept(ServerSocketChannel sock);

    // ---------------------------------------------------------------- DNS

    /**
     * Resolves {@code host} ({@code null}: wildcard with {@code AI_PASSIVE}, else
     * loopback) in the default executor: asyncio's {@code getaddrinfo}. Awaiting.
     *
     * @throws org.jasyncio.net.AddressResolutionException when the name does not resolve
     */
    List<AddressInfo> getaddrinfo(String host, int port, AddressFamily family, SocketKind type, int flags);

    /** {@link #getaddrinfo(String, int, AddressFamily, SocketKind, int)} with no restriction. Awaiting. */
    default List<AddressInfo> getaddrinfo(String host, int port) {
        return getaddrinfo(host, port, AddressFamily.UNSPEC, SocketKind.ANY, 0);
    }

    /** Host and service names of {@code address}: asyncio's {@code getnameinfo}. Awaiting. */
    NameInfo getnameinfo(InetSocketAddress address, int flags);

    default NameInfo getnameinfo(InetSocketAddress address) {
        return getnameinfo(address, 0);
    }

    // ---------------------------------------------------------------- subprocesses (issue 6 item 4)

    /**
     * Starts {@code args} (the program, then its arguments; no shell) with stdin, stdout
     * and stderr as pipes, and connects a protocol made by {@code protocolFactory}; returns
     * once its {@code connectionMade} has run. Awaiting. asyncio's {@code subprocess_exec}.
     * For streams and {@code communicate}, see {@code org.jasyncio.subprocess.Subprocesses}.
     *
     * @throws org.jasyncio.subprocess.SpawnException when the program cannot be started
     */
    default <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(
            Supplier<? extends P> protocolFactory, List<String> args) {
        return subprocessExec(protocolFactory, args, SubprocessOptions.PIPES);
    }

    /** {@link #subprocessExec(Supplier, List)} with where each descriptor goes, the directory and the environment. Awaiting. */
    <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(Supplier<? extends P> protocolFactory,
            List<String> args, SubprocessOptions options);

    /** Runs {@code cmd} through the shell ({@code /bin/sh -c}), pipes for every descriptor. Awaiting. asyncio's {@code subprocess_shell}. */
    default <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(
            Supplier<? extends P> protocolFactory, String cmd) {
        return subprocessShell(protocolFactory, cmd, SubprocessOptions.PIPES);
    }

    /** {@link #subprocessShell(Supplier, String)} with options. Awaiting. */
    <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(Supplier<? extends P> protocolFactory,
            String cmd, SubprocessOptions options);

    /**
     * How this loop starts and watches its children: {@link ChildWatcher#PIDFD} (posix_spawn,
     * pipes and pidfds watched by the loop) or {@link ChildWatcher#THREADED}
     * (ProcessBuilder and helper threads). Chosen automatically; any thread.
     */
    ChildWatcher childWatcher();

    // ---------------------------------------------------------------- executors

    /**
     * Runs {@code function} on {@code executor} (the default executor when {@code null})
     * and returns a future of this loop for its result.
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> function);

    /** Replaces the default executor used by {@link #runInExecutor} and {@code toThread}. */
    void setDefaultExecutor(ExecutorService executor);

    // ---------------------------------------------------------------- watching file descriptors

    /**
     * Calls {@code callback} whenever {@code channel} is ready for reading (or accepting,
     * or at end of stream, or in error), until {@link #removeReader(SelectableChannel)}:
     * asyncio's {@code add_reader}. The callback runs from the ready queue, as a
     * {@link Handle}, in a copy of the current context; what it throws goes to the
     * exception handler. A reader already installed for {@code channel} is replaced and
     * its handle cancelled. Cancelling the returned handle removes the reader at the next
     * readiness. The channel is put in non-blocking mode. Remove the reader before
     * closing the channel.
     *
     * @return the handle that will run {@code callback}
     * @throws UnsupportedOperationException if this loop cannot watch descriptors
     *         ({@link Capability#ADD_READER_SOCKET}), or cannot watch this channel (the
     *         message says why and what to use instead)
     * @throws IllegalArgumentException if a transport of this loop already watches the channel
     * @throws EventLoopClosedException if the loop is closed
     */
    Handle addReader(SelectableChannel channel, Runnable callback);

    /**
     * {@link #addReader(SelectableChannel, Runnable)} for a raw file descriptor: a socket,
     * pipe, FIFO, terminal or other character device. Needs a backend that watches raw
     * descriptors ({@link Capability#RAW_FILE_DESCRIPTORS}: epoll, poll, select).
     *
     * @throws UnsupportedOperationException if this loop's backend watches channels only
     *         (nio), if {@code fd} is a regular file, directory or block device (always
     *         ready: do file I/O with {@link #runInExecutor}), or if the backend cannot
     *         watch it (select: {@code fd >= 1024}; epoll: a device that is always ready,
     *         such as {@code /dev/null}); the message names the loop, the platform and
     *         the alternative
     * @throws IllegalArgumentException if {@code fd} is not open
     */
    Handle addReader(int fd, Runnable callback);

    /** Stops watching {@code channel} for reading: asyncio's {@code remove_reader}. Returns whether a reader was installed. */
    boolean removeReader(SelectableChannel channel);

    /** {@link #removeReader(SelectableChannel)} for a raw descriptor. */
    boolean removeReader(int fd);

    /**
     * Calls {@code callback} whenever {@code channel} is ready for writing (or connected,
     * or in error): asyncio's {@code add_writer}. Same rules as
     * {@link #addReader(SelectableChannel, Runnable)}; a channel's reader and writer share
     * one registration.
     */
    Handle addWriter(SelectableChannel channel, Runnable callback);

    /** {@link #addWriter(SelectableChannel, Runnable)} for a raw descriptor; same rules as {@link #addReader(int, Runnable)}. */
    Handle addWriter(int fd, Runnable callback);

    /** Stops watching {@code channel} for writing: asyncio's {@code remove_writer}. Returns whether a writer was installed. */
    boolean removeWriter(SelectableChannel channel);

    /** {@link #removeWriter(SelectableChannel)} for a raw descriptor. */
    boolean removeWriter(int fd);

    // ---------------------------------------------------------------- pipes

    /**
     * Connects the read end of a JDK pipe to a new protocol: asyncio's
     * {@code connect_read_pipe}. Awaiting: returns once {@code connectionMade} has run. The
     * transport owns the channel and closes it when it closes; at end of stream the
     * protocol hears {@code eofReceived} and then {@code connectionLost(null)}. Every loop
     * supports JDK pipes ({@link Capability#READ_PIPE}).
     *
     * @throws IllegalStateException outside a task of this loop
     */
    <P extends StreamProtocol> ReadPipe<P> connectReadPipe(Supplier<? extends P> protocolFactory,
            Pipe.SourceChannel pipe);

    /**
     * {@link #connectReadPipe(Supplier, Pipe.SourceChannel)} for a raw descriptor: a pipe,
     * FIFO, socket or character device (a tty, a pty), e.g. {@code 0} for the process's
     * stdin when it is one of those. The descriptor is made non-blocking and the transport
     * owns it (closes it when it closes).
     *
     * @throws IllegalArgumentException if {@code fd} is not open, or is a regular file,
     *         directory or block device (asyncio: "Pipe transport is for pipes/sockets
     *         only."); nothing is consumed
     * @throws UnsupportedOperationException on a backend that cannot watch raw descriptors
     *         (nio), naming the alternatives
     */
    <P extends StreamProtocol> ReadPipe<P> connectReadPipe(Supplier<? extends P> protocolFactory, int fd);

    /**
     * Connects the write end of a JDK pipe to a new protocol: asyncio's
     * {@code connect_write_pipe}. Awaiting. Writes never block: what the pipe does not
     * take is buffered, with flow control ({@code pauseWriting}/{@code resumeWriting}).
     * {@code close()} flushes, then closes the pipe.
     *
     * @throws IllegalStateException outside a task of this loop
     */
    <P extends BaseProtocol<? super Transport>> WritePipe<P> connectWritePipe(Supplier<? extends P> protocolFactory,
            Pipe.SinkChannel pipe);

    /**
     * {@link #connectWritePipe(Supplier, Pipe.SinkChannel)} for a raw descriptor: a pipe,
     * FIFO, socket or character device, e.g. {@code 1} for the process's stdout. Made
     * non-blocking; owned by the transport. Over a pipe, FIFO or socket the reader's close
     * is noticed at once (asyncio's rule), elsewhere at the next write.
     *
     * @throws IllegalArgumentException if {@code fd} is not open, or is a regular file,
     *         directory or block device; nothing is consumed
     * @throws UnsupportedOperationException on a backend that cannot watch raw descriptors (nio)
     */
    <P extends BaseProtocol<? super Transport>> WritePipe<P> connectWritePipe(Supplier<? extends P> protocolFactory,
            int fd);
    // ---------------------------------------------------------------- unix signals

    /**
     * Runs {@code callback} on this loop each time the process receives {@code signal}:
     * asyncio's {@code add_signal_handler}. The callback runs from the ready queue (never
     * on the JVM's signal thread), in a copy of the context current now; what it throws
     * goes to the exception handler. One handler per signal per loop: adding another
     * replaces it. Deliveries of the same signal may coalesce (the OS keeps at most one
     * pending). The handler that was installed before (the JVM's, a {@code Runner}'s ...)
     * is restored by {@link #removeSignalHandler(Signal)} and by {@link #close()}. Several
     * loops may handle the same signal: each receives every delivery. Any thread may own
     * a loop with signal handlers (asyncio's main-thread rule comes from CPython's signal
     * module and does not apply). A signal {@link Signal#ignoredAtStart() ignored since
     * the process started} is handled anyway, with a warning in the log.
     *
     * @throws IllegalArgumentException if the JVM or the OS owns the signal (SIGKILL,
     *         SIGSTOP, SIGQUIT, SIGSEGV, SIGBUS, SIGUSR2 ...: docs/signals.md), or it does not
     *         exist here; the message says why
     * @throws UnsupportedOperationException if this loop cannot handle signals
     *         ({@link Capability#SIGNAL_HANDLERS})
     * @throws EventLoopClosedException if the loop is closed
     */
    void addSignalHandler(Signal signal, Runnable callback);

    /**
     * {@link #addSignalHandler(Signal, Runnable)} by number, as asyncio takes it.
     *
     * @throws IllegalArgumentException (asyncio's ValueError) if {@code signum} is outside
     *         {@code 1 <= signum < Signal.NSIG} or has no name here
     */
    default void addSignalHandler(int signum, Runnable callback) {
        addSignalHandler(Signal.of(signum), callback);
    }

    /**
     * Removes the handler of {@code signal} and restores the handler that was there
     * before: asyncio's {@code remove_signal_handler}. Returns whether one was installed.
     */
    boolean removeSignalHandler(Signal signal);

    /** {@link #removeSignalHandler(Signal)} by number; out-of-range numbers throw as in add. */
    default boolean removeSignalHandler(int signum) {
        return removeSignalHandler(Signal.of(signum));
    }

    // ---------------------------------------------------------------- capabilities

    /** Whether this loop, on this platform and backend, supports {@code capability}. Any thread. */
    boolean supports(Capability capability);

    /** Every capability this loop supports. Any thread. */
    Set<Capability> capabilities();

    /**
     * Why this loop does not support {@code capability} (naming the loop, the platform
     * and what to use instead), or empty when it does. Any thread.
     */
    Optional<String> whyNot(Capability capability);

    // ---------------------------------------------------------------- error handling

    /** Installs {@code handler}; {@code null} restores the default handler. */
    void setExceptionHandler(ExceptionHandler handler);

    /** The installed handler, or {@code null} when the default is used. */
    ExceptionHandler getExceptionHandler();

    /** The default handler: logs the context through {@link System.Logger} at ERROR. */
    void defaultExceptionHandler(ExceptionContext context);

    /** Passes {@code context} to the installed handler (or the default one). Never throws. */
    void callExceptionHandler(ExceptionContext context);

    // ---------------------------------------------------------------- debug mode

    boolean getDebug();

    /**
     * Debug mode: logs callbacks slower than {@link #getSlowCallbackDuration()}, records
     * where handles and futures were created, and emits Flight Recorder events.
     * Also enabled by {@code -Djasyncio.debug=true} or {@code JASYNCIO_DEBUG=1}.
     */
    void setDebug(boolean enabled);

    /** Callbacks longer than this are logged in debug mode (default 100 ms). */
    Duration getSlowCallbackDuration();

    void setSlowCallbackDuration(Duration duration);
}
