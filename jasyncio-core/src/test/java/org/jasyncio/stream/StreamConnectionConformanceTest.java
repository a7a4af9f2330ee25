package org.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.Server;
import org.jasyncio.net.ConnectionException;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.net.ServerOptions;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.BaseTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams over TCP connections on every readiness backend: ports of the connection
 * scenarios of {@code Lib/test/test_asyncio/test_streams.py::StreamTests}, and the
 * flow-control guarantees (backpressure in {@code drain()}, reading paused above twice the
 * limit, long lines) checked end to end. CPython's threaded HTTP test server is played by
 * a stream server answering {@code GET} with {@code Test message}.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class StreamConnectionConformanceTest extends StreamLoopTest {

    /** CPython's run_test_server: answers a request head with a small page, then closes. */
    Server httpServer() {
        return Streams.startServer(StreamLoopTest::answerHttp, "127.0.0.1", 0);
    }

    /** Connects to {@code srv}, sends a GET and checks the status line. Awaiting. */
    static StreamPair get(Server srv) throws Exception {
        StreamPair s = Streams.openConnection("127.0.0.1", port(srv));
        sendGet(s);
        return s;
    }

    static int port(Server srv) throws Exception {
        return ((InetSocketAddress) srv.sockets().get(0).getLocalAddress()).getPort();
    }

    /**
     * Lib/test/test_asyncio/test_streams.py::StreamTests::test_open_connection and
     * test_async_writer_api (via _basetest_open_connection)
     */
    @Test
    void openConnection() {
        runVoid(() -> {
            Server srv = httpServer();
            checkPage(Streams.openConnection("127.0.0.1", port(srv)));
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_open_connection_error */
    @Test
    void openConnectionError() {
        runVoid(() -> {
            Server srv = httpServer();
            checkConnectionLostError(factory -> loop.createConnection(factory, "127.0.0.1", port(srv)));
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_start_server (the handler as a coroutine, sock=) */
    @Test
    void startServerOnSocket() throws Exception {
        try (ServerSocketChannel sock = ServerSocketChannel.open()) {
            sock.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            runVoid(() -> {
                Server srv = Streams.startServer(StreamLoopTest::echoLine, sock, ServerOptions.DEFAULTS,
                        StreamReader.DEFAULT_LIMIT);
                assertEquals("hello world!\n", echoClient(port(srv)));
                stop(srv);
            });
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_start_server (the handler starting its own task, host and port) */
    @Test
    void startServerCallbackStartingTask() {
        runVoid(() -> {
            Server srv = Streams.startServer((r, w) -> loop.createTask(Coroutine.of(() -> echoLine(r, w))),
                    "127.0.0.1", 0);
            assertEquals("hello world!\n", echoClient(port(srv)));
            stop(srv);
        });
        f.assertNoErrors();
    }

    private static String echoClient(int port) {
        return echoClient(Streams.openConnection("127.0.0.1", port));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_multiple_drain */
    @Test
    void multipleDrain() {
        int drained = run(() -> {
            WriteFlowControl flow = new WriteFlowControl(loop);
            flow.pauseWriting();
            loop.callLater(java.time.Duration.ofMillis(20), flow::resumeWriting);
            AtomicInteger count = new AtomicInteger();
            List<Task<Void>> drainers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                drainers.add(loop.createTask(Coroutine.of(() -> {
                    flow.drain();
                    count.incrementAndGet();
                })));
            }
            AsyncIO.gather(drainers).await();
            return count.get();
        });
        assertEquals(10, drained);
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_drain_raises */
    @Test
    void drainRaises() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try (Socket c = server.accept()) {
                    // accept and close at once
                } catch (java.io.IOException ignored) {
                    // the test failed elsewhere
                }
            });
            Throwable err = assertThrows(Throwable.class, () -> runVoid(() -> {
                StreamPair s = Streams.openConnection("127.0.0.1", server.getLocalPort());
                while (true) {
                    s.writer().write(b("foo\n"));
                    s.writer().drain();
                }
            }));
            assertInstanceOf(ConnectionException.class, err, () -> "got " + err);
            t.join(10_000);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_wait_closed_on_close */
    @Test
    void waitClosedOnClose() {
        runVoid(() -> {
            Server srv = httpServer();
            StreamPair s = get(srv);
            assertTrue(s(s.reader().read()).endsWith("\r\n\r\nTest message"));
            assertFalse(s.writer().isClosing());
            s.writer().close();
            assertTrue(s.writer().isClosing());
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_wait_closed_on_close_with_unread_data */
    @Test
    void waitClosedOnCloseWithUnreadData() {
        runVoid(() -> {
            Server srv = httpServer();
            StreamPair s = get(srv);
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_async_writer_api_exception_after_close */
    @Test
    void writerApiExceptionAfterClose() {
        runVoid(() -> {
            Server srv = httpServer();
            StreamPair s = get(srv);
            assertTrue(s(s.reader().read()).endsWith("\r\n\r\nTest message"));
            s.writer().close();
            assertThrows(ConnectionResetException.class, () -> {
                s.writer().write(b("data"));
                s.writer().drain();
            });
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_eof_feed_when_closing_writer */
    @Test
    void eofFeedWhenClosingWriter() {
        runVoid(() -> {
            Server srv = httpServer();
            StreamPair s = Streams.openConnection("127.0.0.1", port(srv));
            s.writer().close();
            s.writer().waitClosed();
            assertTrue(s.reader().atEof());
            assertEquals(0, s.reader().read().length);
            stop(srv);
        });
        f.assertNoErrors();
    }

    private List<ExceptionContext> unhandled(ClientConnected handler) {
        runVoid(() -> {
            Future<Void> started = loop.createFuture();
            Server srv = Streams.startServer((r, w) -> {
                started.setResult(null);
                handler.handle(r, w);
            }, "127.0.0.1", 0);
            srv.startServing();
            StreamPair s = Streams.openConnection("127.0.0.1", port(srv));
            s.writer().write(b("test msg"));
            s.writer().drain();
            // Unlike CPython, wait for the handler to start: closing the listening socket
            // first could drop the connection before it is accepted.
            started.await();
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        return f.errors;
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_unhandled_exception */
    @Test
    void unhandledException() {
        List<ExceptionContext> messages = unhandled((r, w) -> {
            throw new Exception("test");
        });
        assertEquals(1, messages.size(), messages::toString);
        assertEquals("Unhandled exception in client_connected_cb", messages.get(0).message());
        assertEquals("test", messages.get(0).exception().getMessage());
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_unhandled_cancel */
    @Test
    void unhandledCancel() {
        List<ExceptionContext> messages = unhandled((r, w) -> {
            w.close();
            AsyncIO.currentTask().cancel();
            AsyncIO.sleep(0);
        });
        assertEquals(List.of(), messages);
    }

    /** writelines, writeEof (half-close), canWriteEof and getExtraInfo through a stream echo server. */
    @Test
    void writelinesAndWriteEof() {
        runVoid(() -> {
            Server srv = Streams.startServer((r, w) -> {
                byte[] all = r.read();
                assertTrue(r.atEof());
                w.write(s(all).toUpperCase().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                w.drain();
                w.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", port(srv));
            assertTrue(s.writer().canWriteEof());
            assertEquals(srv.sockets().get(0).getLocalAddress(), s.writer().getExtraInfo(BaseTransport.PEERNAME));
            assertEquals("fallback", s.writer().getExtraInfo("no such key", "fallback"));
            s.writer().writelines(b("one "), b("two "));
            s.writer().writelines(List.of(ByteBuffer.wrap(b("three"))));
            s.writer().writeEof();
            assertEquals("ONE TWO THREE", s(s.reader().read()));
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /**
     * Real backpressure: the peer does not read, so drain() parks once the transport's
     * buffer passes its high-water mark, and returns only with the buffer at or under it.
     */
    @Test
    void drainWaitsForThePeer() {
        int chunk = 64 * 1024;
        int chunks = 64;   // 4 MiB: more than the kernel buffers hold
        byte[] data = new byte[chunk];
        for (int i = 0; i < chunk; i++) {
            data[i] = (byte) (i * 31);
        }
        runVoid(() -> {
            Future<Void> startReading = loop.createFuture();
            Future<Long> received = loop.createFuture();
            Server srv = Streams.startServer((r, w) -> {
                startReading.await();
                long total = 0;
                byte[] got;
                while ((got = r.read(100_000)).length > 0) {
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(data[(int) ((total + i) % chunk)], got[i]);
                    }
                    total += got.length;
                }
                received.setResult(total);
                w.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", port(srv));
            int parked = 0;
            for (int i = 0; i < chunks; i++) {
                s.writer().write(data);
                if (s.writer().getExtraInfo(BaseTransport.SOCKET) != null
                        && ((org.jasyncio.transport.WriteTransport) s.writer().transport()).getWriteBufferSize() > 64 * 1024) {
                    parked++;
                    if (parked == 1) {
                        loop.callSoon(() -> startReading.setResult(null));
                    }
                }
                s.writer().drain();
                assertTrue(s.writer().transport().getWriteBufferSize() <= 64 * 1024,
                        () -> "drain returned with " + s.writer().transport().getWriteBufferSize() + " bytes buffered");
            }
            assertTrue(parked > 0, "the transport never paused writing");
            s.writer().writeEof();
            assertEquals((long) chunk * chunks, received.await());
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /**
     * The reader pauses its transport above twice its limit and resumes it when read
     * down (asyncio's rule), losing nothing.
     */
    @Test
    void readerPausesTransportAboveTwiceTheLimit() {
        int limit = 4096;
        int total = 1 << 20;
        runVoid(() -> {
            Server srv = Streams.startServer((r, w) -> {
                byte[] block = new byte[total];
                for (int i = 0; i < total; i++) {
                    block[i] = (byte) i;
                }
                w.write(block);
                w.drain();
                w.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", port(srv), org.jasyncio.net.ConnectionOptions.DEFAULTS,
                    limit);
            StreamReader r = s.reader();
            org.jasyncio.transport.ReadTransport t = (org.jasyncio.transport.ReadTransport) s.writer().transport();
            for (int i = 0; i < 1000 && !r.isPaused(); i++) {
                AsyncIO.sleep(0.001);
            }
            assertTrue(r.isPaused(), "the reader never paused its transport");
            assertFalse(t.isReading());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] part;
            while ((part = r.read(1000)).length > 0) {
                got.writeBytes(part);
            }
            assertFalse(r.isPaused());
            byte[] all = got.toByteArray();
            assertEquals(total, all.length);
            for (int i = 0; i < total; i++) {
                assertEquals((byte) i, all[i]);
            }
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /**
     * A line longer than the limit raises the error, and the lines after it arrive intact
     * (asyncio's readline: the too-long line is dropped, nothing after it).
     */
    @Test
    void longLineLosesNothingAfterIt() {
        runVoid(() -> {
            Server srv = Streams.startServer((r, w) -> {
                w.write(b("short\n" + "x".repeat(5000) + "\n" + "after\n" + "last"));
                w.drain();
                w.close();
            }, "127.0.0.1", 0);
            StreamPair s = Streams.openConnection("127.0.0.1", port(srv), org.jasyncio.net.ConnectionOptions.DEFAULTS,
                    1024);
            StreamReader r = s.reader();
            assertEquals("short\n", s(r.readline()));
            int errors = 0;
            String line;
            while (true) {
                try {
                    line = s(r.readline());
                } catch (IllegalArgumentException e) {
                    assertInstanceOf(LimitOverrunException.class, e.getCause());
                    errors++;
                    continue;
                }
                if (!line.matches("x+\n")) {
                    break;   // what is left of the long line when it arrived in pieces
                }
            }
            assertTrue(errors >= 1);
            assertEquals("after\n", line);
            assertEquals("last", s(r.readline()));
            assertArrayEquals(new byte[0], r.readline());
            assertTrue(r.atEof());
            s.writer().close();
            s.writer().waitClosed();
            stop(srv);
        });
        f.assertNoErrors();
    }

    /** Many clients talking to one stream server at once, line by line. */
    @Test
    void manyClientsEcho() {
        int clients = 20;
        int lines = 50;
        runVoid(() -> {
            Server srv = Streams.startServer((r, w) -> {
                byte[] line;
                while ((line = r.readline()).length > 0) {
                    w.write(line);
                    w.drain();
                }
                w.close();
            }, "127.0.0.1", 0);
            int p = port(srv);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                tasks.add(loop.createTask(Coroutine.of(() -> {
                    StreamPair s = Streams.openConnection("127.0.0.1", p);
                    for (int i = 0; i < lines; i++) {
                        String msg = "client " + id + " line " + i + "\n";
                        s.writer().write(b(msg));
                        s.writer().drain();
                        assertEquals(msg, s(s.reader().readline()));
                    }
                    s.writer().writeEof();
                    assertEquals(0, s.reader().read().length);
                    s.writer().close();
                    s.writer().waitClosed();
                })));
            }
            AsyncIO.gather(tasks).await();
            stop(srv);
        });
        f.assertNoErrors();
    }
}
