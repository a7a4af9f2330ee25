package org.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.AddressInUseException;
import org.jasyncio.net.ConnectionRefusedException;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.PeerCredentials;
import org.jasyncio.net.UnixServerOptions;
import org.jasyncio.task.Coroutine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams over Unix domain sockets on every readiness backend ({@code Streams.openUnixConnection}
 * and {@code Streams.startUnixServer}): ports of the Unix scenarios of
 * {@code Lib/test/test_asyncio/test_streams.py::StreamTests}, the server clean-up rules of
 * {@code Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests} seen through the
 * stream functions, and what jasyncio adds (abstract names, a live server's path refused,
 * peer credentials through the writer). CPython's threaded HTTP test server is played by a
 * stream server answering a request head with {@code Test message}.
 * ({@code test_open_unix_connection_no_loop_ssl} waits for TLS, issue 9.)
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class UnixStreamConformanceTest extends StreamLoopTest {
    /** Where the socket files go (JUnit removes it); short, as sun_path holds 108 bytes. */
    @TempDir
    Path dir;

    Path path() {
        return dir.resolve("s.sock");
    }

    /** CPython's run_test_unix_server. */
    static Server httpServer(Path path) {
        return Streams.startUnixServer(StreamLoopTest::answerHttp, path);
    }

    private void assumeAbstractNames() {
        Assumptions.assumeTrue(loop.supports(Capability.UNIX_ABSTRACT_NAMES),
                () -> loop.whyNot(Capability.UNIX_ABSTRACT_NAMES).orElse(""));
    }

    private static AbstractUnixAddress uniqueName() {
        return AbstractUnixAddress.of("jasyncio-streams-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    @Test
    void supportedOnEveryReadinessBackend() {
        assertTrue(loop.supports(Capability.UNIX_SOCKETS), () -> loop.whyNot(Capability.UNIX_SOCKETS).orElse(""));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_open_unix_connection (via _basetest_open_connection) */
    @Test
    void openUnixConnection() {
        runVoid(() -> {
            Server srv = httpServer(path());
            checkPage(Streams.openUnixConnection(path()));
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_open_unix_connection_error (via _basetest_open_connection_error) */
    @Test
    void openUnixConnectionError() {
        runVoid(() -> {
            Server srv = httpServer(path());
            checkConnectionLostError(factory -> loop.createUnixConnection(factory, path()));
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_start_unix_server (the handler as a coroutine: MyServer.start) */
    @Test
    void startUnixServer() {
        runVoid(() -> {
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, path());
            assertEquals(UnixDomainSocketAddress.of(path()), srv.sockets().get(0).getLocalAddress());
            assertEquals("hello world!\n", echoClient(Streams.openUnixConnection(path())));
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_start_unix_server (the handler starting its own task: MyServer.start_callback) */
    @Test
    void startUnixServerCallbackStartingTask() {
        runVoid(() -> {
            Server srv = Streams.startUnixServer(
                    (r, w) -> loop.createTask(Coroutine.of(() -> echoLine(r, w))), path());
            assertEquals("hello world!\n", echoClient(Streams.openUnixConnection(path())));
            stop(srv);
        });
        f.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_streams.py::StreamTests::test_start_server's {@code sock=}
     * variant, on AF_UNIX: {@code start_unix_server(cb, sock=)} and
     * {@code open_unix_connection(sock=)}.
     */
    @Test
    void serverAndConnectionOnGivenSockets() throws Exception {
        ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listening.bind(UnixDomainSocketAddress.of(path()));
        runVoid(() -> {
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, listening,
                    UnixServerOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
            SocketChannel sock = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                sock.connect(UnixDomainSocketAddress.of(path()));
            } catch (Exception e) {
                sock.close();
                throw e;
            }
            assertEquals("hello world!\n", echoClient(Streams.openUnixConnection(sock, StreamReader.DEFAULT_LIMIT)));
            assertFalse(sock.isOpen(), "the transport owned the socket and closed it");
            stop(srv);
        });
        assertFalse(Files.exists(path()), "cleanupSocket applies to a given socket's path");
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_addr_cleanup, through start_unix_server */
    @Test
    void socketFileRemovedWhenServerCloses() {
        runVoid(() -> {
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, path());
            assertTrue(Files.exists(path()));
            stop(srv);
        });
        assertFalse(Files.exists(path()));
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_cleanup_prevented, through start_unix_server */
    @Test
    void socketFileKeptWithoutCleanup() {
        runVoid(() -> {
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, path(),
                    UnixServerOptions.DEFAULTS.withCleanupSocket(false));
            stop(srv);
        });
        assertTrue(Files.exists(path()), "cleanupSocket=false leaves the file");
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_connection_pathlike, through open_unix_connection (FileNotFoundError) */
    @Test
    void connectionToMissingPath() {
        NetworkException e = assertThrows(NetworkException.class,
                () -> runVoid(() -> Streams.openUnixConnection(path())));
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    }

    /** jasyncio (asyncio raises ConnectionRefusedError): a socket file nobody listens on refuses the connection, and the file is left alone. */
    @Test
    void connectionToStaleSocketFile() throws Exception {
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(path()));
        }
        assertThrows(ConnectionRefusedException.class, () -> runVoid(() -> Streams.openUnixConnection(path())));
        assertTrue(Files.exists(path()), "a client never removes the file");
        assertEquals(0, ((org.jasyncio.internal.core.SelectorLoop) loop).network().io().liveChannels());
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_connection_nopath_nosock, through open_unix_connection */
    @Test
    void connectionWithoutPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runVoid(() -> Streams.openUnixConnection((Path) null)));
        assertTrue(e.getMessage().contains("no path and sock were specified"), e.getMessage());
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_nopath_nosock, through start_unix_server */
    @Test
    void serverWithoutPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runVoid(() -> Streams.startUnixServer(StreamLoopTest::echoLine, (Path) null)));
        assertTrue(e.getMessage().contains("path was not specified"), e.getMessage());
    }

    /** jasyncio: a live server's path is refused, not stolen (asyncio unlinks it), and the live server keeps serving. */
    @Test
    void liveServersPathRefused() {
        runVoid(() -> {
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, path());
            AddressInUseException e = assertThrows(AddressInUseException.class,
                    () -> Streams.startUnixServer(StreamLoopTest::echoLine, path()));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
            assertEquals("hello world!\n", echoClient(Streams.openUnixConnection(path())));
            stop(srv);
        });
    }

    /**
     * Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_limit_with_existing_data
     * and asyncio's {@code limit=} keyword of both functions: the server's and the client's
     * readers get the limit; a line over it is refused, the connection lives on.
     */
    @Test
    void limitReachesBothReaders() {
        runVoid(() -> {
            int[] serverLimit = new int[1];
            Server srv = Streams.startUnixServer((r, w) -> {
                serverLimit[0] = r.limit();
                try {
                    r.readline();
                    w.write(b("no error\n"));
                } catch (IllegalArgumentException e) {
                    assertInstanceOf(LimitOverrunException.class, e.getCause());
                    w.write(b("refused\n"));
                }
                w.drain();
                w.close();
                w.waitClosed();
            }, path(), UnixServerOptions.DEFAULTS, 16);
            StreamPair s = Streams.openUnixConnection(path(), 8);
            assertEquals(8, s.reader().limit());
            s.writer().write(b("a line well over sixteen bytes\n"));
            assertEquals("refused\n", s(s.reader().readline()));
            assertEquals(16, serverLimit[0]);
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** jasyncio: a bad limit is refused before anything is opened (no socket file, no connection). */
    @Test
    void badLimitRefusedFirst() {
        runVoid(() -> {
            assertThrows(IllegalArgumentException.class,
                    () -> Streams.startUnixServer(StreamLoopTest::echoLine, path(), UnixServerOptions.DEFAULTS, 0));
            assertFalse(Files.exists(path()));
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, path());
            assertThrows(IllegalArgumentException.class, () -> Streams.openUnixConnection(path(), -1));
            stop(srv);
        });
        assertEquals(0, ((org.jasyncio.internal.core.SelectorLoop) loop).network().io().liveChannels());
    }

    /** jasyncio: a megabyte each way through drain() and the reader's pause/resume, over a Unix socket. */
    @Test
    void bulkEchoWithBackpressure() {
        byte[] payload = new byte[1 << 20];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        byte[] back = run(() -> {
            Server srv = Streams.startUnixServer((r, w) -> {
                byte[] chunk;
                while ((chunk = r.read(32 * 1024)).length > 0) {
                    w.write(chunk);
                    w.drain();
                }
                w.close();
                w.waitClosed();
            }, path(), UnixServerOptions.DEFAULTS, 4 * 1024);
            StreamPair s = Streams.openUnixConnection(path(), 4 * 1024);
            var reading = loop.createTask((Coroutine<byte[]>) () -> s.reader().readexactly(payload.length));
            for (int off = 0; off < payload.length; off += 64 * 1024) {
                s.writer().write(Arrays.copyOfRange(payload, off, off + 64 * 1024));
                s.writer().drain();
            }
            s.writer().writeEof();
            byte[] got = reading.await();
            assertEquals(0, s.reader().read().length);
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
            return got;
        });
        assertArrayEquals(payload, back);
        f.assertNoErrors();
    }

    /** jasyncio: the writer answers "peercred" (SO_PEERCRED) and "peername" on both ends. */
    @Test
    void peerCredentialsThroughTheWriter() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && org.jasyncio.internal.ffm.Native.isAvailable(), "peer credentials are read on Linux through FFM");
        runVoid(() -> {
            Object[] serverSide = new Object[1];
            Server srv = Streams.startUnixServer((r, w) -> {
                serverSide[0] = w.getExtraInfo(PeerCredentials.EXTRA_INFO);
                echoLine(r, w);
            }, path());
            StreamPair s = Streams.openUnixConnection(path());
            assertEquals(UnixDomainSocketAddress.of(path()), s.writer().getExtraInfo("peername"));
            PeerCredentials mine = (PeerCredentials) s.writer().getExtraInfo(PeerCredentials.EXTRA_INFO);
            assertEquals((int) ProcessHandle.current().pid(), mine.pid());
            assertEquals("hello world!\n", echoClient(s));
            assertEquals(mine, serverSide[0]);
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_start_unix_server, on a Linux abstract name (asyncio: a path starting with NUL) */
    @Test
    void abstractNameServerAndConnection() {
        assumeAbstractNames();
        AbstractUnixAddress name = uniqueName();
        runVoid(() -> {
            Server srv = Streams.startUnixServer(StreamLoopTest::echoLine, name, UnixServerOptions.DEFAULTS,
                    StreamReader.DEFAULT_LIMIT);
            StreamPair s = Streams.openUnixConnection(name, StreamReader.DEFAULT_LIMIT);
            assertEquals(name, s.writer().getExtraInfo("peername"));
            assertEquals("hello world!\n", echoClient(s));
            stop(srv);
            // Nothing on the filesystem to clean up; the name is free again.
            stop(Streams.startUnixServer(StreamLoopTest::echoLine, name, UnixServerOptions.DEFAULTS,
                    StreamReader.DEFAULT_LIMIT));
        });
        f.assertNoErrors();
    }

    /** jasyncio: an address that is neither a path nor an abstract name is refused, naming both. */
    @Test
    void foreignAddressRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runVoid(
                () -> Streams.openUnixConnection(new java.net.InetSocketAddress("127.0.0.1", 9), 1024)));
        assertTrue(e.getMessage().contains("AbstractUnixAddress"), e.getMessage());
        assertNull(loop.whyNot(Capability.UNIX_SOCKETS).orElse(null));
    }
}
