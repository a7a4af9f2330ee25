package org.jasyncio.stream;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.ConnectionOptions;
import org.jasyncio.net.ServerOptions;
import org.jasyncio.net.UnixServerOptions;

/**
 * asyncio's stream functions: {@code open_connection}, {@code start_server},
 * {@code open_unix_connection} and {@code start_unix_server}, plus the two building blocks
 * that give any other connection kind streams in one line ({@link #open} for clients,
 * {@link #serverProtocols} for servers), e.g. over a socket accepted elsewhere:
 * <pre>{@code
 * StreamPair s = Streams.open(limit, f -> loop.connectAcceptedSocket(f, sock));
 * }</pre>
 *
 * <p>Every method here is awaiting: it must run in a task, and uses the running loop.
 */
public final class Streams {
    private Streams() {
    }

    /** Makes a connection with the protocol factory it is given (any {@code EventLoop.create*} call). */
    @FunctionalInterface
    public interface Connect {
        void connect(Supplier<StreamReaderProtocol> protocolFactory) throws Exception;
    }

    /** Connects to {@code host}:{@code port} over TCP: asyncio's {@code open_connection}. Awaiting. */
    public static StreamPair openConnection(String host, int port) {
        return openConnection(host, port, ConnectionOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #openConnection(String, int)} with {@code create_connection}'s options. Awaiting. */
    public static StreamPair openConnection(String host, int port, ConnectionOptions options) {
        return openConnection(host, port, options, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #openConnection(String, int)} with options and the reader's {@code limit}. Awaiting. */
    public static StreamPair openConnection(String host, int port, ConnectionOptions options, int limit) {
        Objects.requireNonNull(options, "options");
        EventLoop loop = AsyncIO.getRunningLoop();
        return open(limit, f -> loop.createConnection(f, host, port, options));
    }

    /** Streams over an already connected socket ({@code open_connection(sock=...)}). Awaiting. */
    public static StreamPair openConnection(SocketChannel sock, int limit) {
        Objects.requireNonNull(sock, "sock");
        EventLoop loop = AsyncIO.getRunningLoop();
        return open(limit, f -> loop.createConnection(f, sock));
    }

    // ---------------------------------------------------------------- Unix domain sockets
    //
    // asyncio's open_unix_connection / start_unix_server: the TCP functions' shapes over
    // EventLoop.createUnixConnection / createUnixServer, so the loop decides what works
    // (Capability.UNIX_SOCKETS, UNIX_ABSTRACT_NAMES) and refuses the rest with its sentence.

    /** Connects to the Unix socket at {@code path}: asyncio's {@code open_unix_connection(path)}. Awaiting. */
    public static StreamPair openUnixConnection(Path path) {
        return openUnixConnection(path, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #openUnixConnection(Path)} with the reader's {@code limit}. Awaiting. */
    public static StreamPair openUnixConnection(Path path, int limit) {
        return openUnixConnection(unixAddress(path), limit);
    }

    /**
     * Connects to {@code address}: a path ({@link UnixDomainSocketAddress}) or a Linux
     * abstract name ({@link org.jasyncio.net.AbstractUnixAddress}). Awaiting.
     *
     * @throws UnsupportedOperationException where the loop has no Unix sockets, or no
     *         abstract names (the message says why and what to use instead)
     */
    public static StreamPair openUnixConnection(SocketAddress address, int limit) {
        EventLoop loop = AsyncIO.getRunningLoop();
        return open(limit, f -> loop.createUnixConnection(f, address));
    }

    /** Streams over a connected AF_UNIX socket ({@code open_unix_connection(sock=...)}). Awaiting. */
    public static StreamPair openUnixConnection(SocketChannel sock, int limit) {
        Objects.requireNonNull(sock, "sock");
        EventLoop loop = AsyncIO.getRunningLoop();
        return open(limit, f -> loop.createUnixConnection(f, sock));
    }

    /**
     * Serves the Unix socket {@code path}: each accepted connection runs
     * {@code clientConnected(reader, writer)} in a task of its own. asyncio's
     * {@code start_unix_server}; a stale socket file is replaced, a live server's path
     * refused, and the file removed when the server closes ({@link UnixServerOptions}).
     * Awaiting.
     */
    public static Server startUnixServer(ClientConnected clientConnected, Path path) {
        return startUnixServer(clientConnected, path, UnixServerOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
    }

    public static Server startUnixServer(ClientConnected clientConnected, Path path, UnixServerOptions options) {
        return startUnixServer(clientConnected, path, options, StreamReader.DEFAULT_LIMIT);
    }

    public static Server startUnixServer(ClientConnected clientConnected, Path path, UnixServerOptions options,
            int limit) {
        return startUnixServer(clientConnected, unixAddress(path), options, limit);
    }

    /**
     * Serves {@code address}: a path ({@link UnixDomainSocketAddress}) or a Linux abstract
     * name ({@link org.jasyncio.net.AbstractUnixAddress}, no file to clean up). Awaiting.
     *
     * @throws UnsupportedOperationException where the loop has no Unix sockets, or no
     *         abstract names (the message says why and what to use instead)
     */
    public static Server startUnixServer(ClientConnected clientConnected, SocketAddress address,
            UnixServerOptions options, int limit) {
        Objects.requireNonNull(options, "options");
        EventLoop loop = AsyncIO.getRunningLoop();
        return loop.createUnixServer(serverProtocols(loop, clientConnected, limit), address, options);
    }

    /** Serves on a bound AF_UNIX socket ({@code start_unix_server(sock=...)}). Awaiting. */
    public static Server startUnixServer(ClientConnected clientConnected, ServerSocketChannel sock,
            UnixServerOptions options, int limit) {
        Objects.requireNonNull(sock, "sock");
        Objects.requireNonNull(options, "options");
        EventLoop loop = AsyncIO.getRunningLoop();
        return loop.createUnixServer(serverProtocols(loop, clientConnected, limit), sock, options);
    }

    /** A null path stays null, so the loop answers it with asyncio's "no path and no sock" error. */
    private static SocketAddress unixAddress(Path path) {
        return path == null ? null : UnixDomainSocketAddress.of(path);
    }

    /**
     * Makes a reader with {@code limit} and its protocol, lets {@code connect} make the
     * connection with that protocol, and returns the pair (asyncio's
     * {@code open_connection} body, for any kind of connection). Awaiting.
     */
    public static StreamPair open(int limit, Connect connect) {
        Objects.requireNonNull(connect, "connect");
        StreamReaderProtocol protocol = new StreamReaderProtocol(new StreamReader(AsyncIO.getRunningLoop(), limit));
        try {
            connect.connect(() -> protocol);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw StreamReader.<RuntimeException>sneaky(e);
        }
        return protocol.streams();
    }

    /**
     * Serves {@code host}:{@code port}: each accepted connection runs
     * {@code clientConnected(reader, writer)} in a task of its own. asyncio's
     * {@code start_server}. Awaiting.
     */
    public static Server startServer(ClientConnected clientConnected, String host, int port) {
        return startServer(clientConnected, host, port, ServerOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
    }

    public static Server startServer(ClientConnected clientConnected, String host, int port, ServerOptions options) {
        return startServer(clientConnected, host, port, options, StreamReader.DEFAULT_LIMIT);
    }

    public static Server startServer(ClientConnected clientConnected, String host, int port, ServerOptions options,
            int limit) {
        EventLoop loop = AsyncIO.getRunningLoop();
        return loop.createServer(serverProtocols(loop, clientConnected, limit), host, port, options);
    }

    /** Serves on an already bound socket ({@code start_server(sock=...)}). Awaiting. */
    public static Server startServer(ClientConnected clientConnected, ServerSocketChannel sock, ServerOptions options,
            int limit) {
        EventLoop loop = AsyncIO.getRunningLoop();
        return loop.createServer(serverProtocols(loop, clientConnected, limit), sock, options);
    }

    /**
     * The protocol factory of a stream server on the running loop: each protocol gets a
     * fresh reader with {@code limit} and runs {@code clientConnected} once connected.
     */
    public static Supplier<StreamReaderProtocol> serverProtocols(ClientConnected clientConnected, int limit) {
        return serverProtocols(AsyncIO.getRunningLoop(), clientConnected, limit);
    }

    /** {@link #serverProtocols(ClientConnected, int)} for {@code loop}. */
    public static Supplier<StreamReaderProtocol> serverProtocols(EventLoop loop, ClientConnected clientConnected,
            int limit) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(clientConnected, "clientConnected");
        new StreamReader(loop, limit);   // refuse a bad limit now, not at the first connection
        return () -> new StreamReaderProtocol(new StreamReader(loop, limit), clientConnected);
    }
}
