package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.jasyncio.net.NetTesting.text;
import static org.jasyncio.net.NetTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Server;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.BufferedProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Server} on every readiness backend: ports of {@code Lib/test/test_asyncio/test_server.py}
 * ({@code TestServer2}, {@code BaseStartServer}) and of uvloop's server tests in
 * {@code tests/test_tcp.py}. The stream-based handlers of those tests ({@code start_server})
 * are written as protocols here: streams are another issue.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class ServerConformanceTest extends BackendLoopTest {

    /** A server-side protocol that closes when the client does (the {@code await rd.read(); wr.close()} handler). */
    final class Serve implements Protocol {
        Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            made.add(t);
        }
    }

    final List<Transport> made = new ArrayList<>();

    private Server serve() {
        return loop.createServer(Serve::new, "127.0.0.1", 0);
    }

    private static InetSocketAddress address(Server s) throws Exception {
        return (InetSocketAddress) s.sockets().get(0).getLocalAddress();
    }

    private Transport client(Server s) throws Exception {
        InetSocketAddress a = address(s);
        int before = made.size();
        Transport t = loop.createConnection(() -> new NetTesting.Probe(loop), "127.0.0.1", a.getPort()).transport();
        until(() -> made.size() > before);
        return t;
    }

    /** Lib/test/test_asyncio/test_server.py::TestServer2::test_wait_closed_basic */
    @Test
    void waitClosedBasic() {
        run(f, () -> {
            Server srv = serve();
            Task<Void> task1 = loop.createTask(Coroutine.of(srv::waitClosed));
            AsyncIO.sleep(0);
            assertFalse(task1.done(), "not closed, no connections: blocks");
            Transport c = client(srv);
            Task<Void> task2 = loop.createTask(Coroutine.of(srv::waitClosed));
            AsyncIO.sleep(0);
            assertFalse(task1.done());
            assertFalse(task2.done());
            srv.close();
            AsyncIO.sleep(0);
            Task<Void> task3 = loop.createTask(Coroutine.of(srv::waitClosed));
            AsyncIO.sleep(0);
            assertFalse(task1.done() || task2.done() || task3.done(), "closed with a live connection: blocks");
            c.close();
            task1.await();
            task2.await();
            task3.await();
            srv.waitClosed();   // at once now
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_server.py::TestServer2::test_wait_closed_race */
    @Test
    void waitClosedRace() {
        run(f, () -> {
            Server srv = serve();
            Task<Void> task = loop.createTask(Coroutine.of(srv::waitClosed));
            AsyncIO.sleep(0);
            assertFalse(task.done());
            Transport c = client(srv);
            loop.callSoon(srv::close);
            loop.callSoon(c::close);
            srv.waitClosed();
            task.await();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_server.py::TestServer2::test_close_clients */
    @Test
    void closeClients() {
        run(f, () -> {
            Server srv = serve();
            client(srv);
            Task<Void> task = loop.createTask(Coroutine.of(srv::waitClosed));
            AsyncIO.sleep(0);
            assertFalse(task.done());
            srv.close();
            srv.closeClients();
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
            assertTrue(task.done());
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_server.py::TestServer2::test_abort_clients */
    @Test
    void abortClients() {
        run(f, () -> {
            Server srv = serve();
            Transport c = client(srv);
            c.pauseReading();
            Transport s = made.get(0);
            ((SocketChannel) s.getExtraInfo(Transport.SOCKET)).setOption(StandardSocketOptions.SO_SNDBUF, 65536);
            for (int i = 0; i < 10 && s.getWriteBufferSize() == 0; i++) {
                s.write(new byte[256 * 1024]);
            }
            assertNotEquals(0, s.getWriteBufferSize());
            Task<Void> task = loop.createTask(Coroutine.of(srv::waitClosed));
            AsyncIO.sleep(0);
            assertFalse(task.done());
            srv.close();
            srv.abortClients();
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
            assertTrue(task.done());
            return null;
        });
    }

    /**
     * Lib/test/test_asyncio/test_server.py::BaseStartServer::test_start_server_1 (start_serving=False,
     * then serve_forever in a task, cancelled by closing the server) and uvloop
     * tests/test_tcp.py::_TestTCP::test_create_server_10
     */
    @Test
    void serveForeverUntilCancelled() throws Exception {
        run(f, () -> {
            Server srv = loop.createServer(Serve::new, "127.0.0.1", 0, ServerOptions.DEFAULTS.withStartServing(false));
            assertFalse(srv.isServing());
            Task<Void> forever = loop.createTask(Coroutine.of(srv::serveForever));
            AsyncIO.sleep(0);
            assertTrue(srv.isServing());
            IllegalStateException twice = assertThrows(IllegalStateException.class, srv::serveForever);
            assertTrue(twice.getMessage().contains("already being awaited"), twice.getMessage());
            client(srv).close();
            forever.cancel();
            assertThrows(CancelledException.class, forever::await);
            assertFalse(srv.isServing());
            assertTrue(srv.sockets().isEmpty());
            IllegalStateException closed = assertThrows(IllegalStateException.class, srv::serveForever);
            assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
            return null;
        });
    }

    /** uvloop tests/test_tcp.py::_TestTCP::test_create_server_9 (start_serving twice) */
    @Test
    void startServingIsIdempotent() {
        run(f, () -> {
            Server srv = loop.createServer(Serve::new, "127.0.0.1", 0, ServerOptions.DEFAULTS.withStartServing(false));
            srv.startServing();
            assertTrue(srv.isServing());
            srv.startServing();
            assertTrue(srv.isServing());
            srv.close();
            srv.waitClosed();
            assertFalse(srv.isServing());
            return null;
        });
    }

    /** uvloop tests/test_tcp.py::_TestTCP::test_create_server_3 (ephemeral ports) */
    @Test
    void ephemeralPort() {
        run(f, () -> {
            Server srv = loop.createServer(Serve::new, "127.0.0.1", 0, ServerOptions.DEFAULTS.withFamily(AddressFamily.INET));
            ServerSocketChannel sock = srv.sockets().get(0);
            assertTrue(srv.isServing());
            assertNotEquals(0, address(srv).getPort());
            loop.callSoon(srv::close);
            srv.waitClosed();
            assertFalse(sock.isOpen(), "the server closed its socket");
            assertFalse(srv.isServing());
            return null;
        });
    }

    /** uvloop tests/test_tcp.py::_TestTCP::test_create_server_6 (two servers share a port with reuse_port) */
    @Test
    void reusePortSharesThePort() throws Exception {
        int port = NetTesting.unusedAddress().getPort();
        run(f, () -> {
            ServerOptions o = ServerOptions.DEFAULTS.withReusePort(true);
            Server srv1 = loop.createServer(Serve::new, "127.0.0.1", port, o);
            Server srv2 = loop.createServer(Serve::new, "127.0.0.1", port, o);
            srv1.close();
            srv2.close();
            srv1.waitClosed();
            srv2.waitClosed();
            return null;
        });
    }

    /** uvloop tests/test_tcp.py::_TestTCP::test_create_server_7 (the loop keeps a server alive while it serves) */
    @Test
    void servingServerIsKeptAlive() throws Exception {
        int port = NetTesting.unusedAddress().getPort();
        String hello = run(f, () -> {
            loop.createServer(() -> new Protocol() {
                @Override
                public void connectionMade(Transport t) {
                    t.write(bytes("hello"));
                }
            }, "127.0.0.1", port);
            System.gc();
            try (SocketChannel s = SocketChannel.open()) {
                loop.sockConnect(s, new InetSocketAddress("127.0.0.1", port));
                return text(loop.sockRecv(s, 100));
            }
        });
        assertEquals("hello", hello);
    }

    /**
     * uvloop tests/test_tcp.py::_TestTCP::test_create_server_1 (scaled to 10 clients): many clients
     * stream 1 MiB each way through sock* calls while the server answers from a protocol; the server
     * then closes, waits, and has released its sockets.
     */
    @Test
    void manyClientsExchangeMegabytes() throws Exception {
        byte[] aData = new byte[1024 * 1024];
        byte[] bData = new byte[1024 * 1024];
        Arrays.fill(aData, (byte) 'A');
        Arrays.fill(bData, (byte) 'B');
        int clients = 10;
        int[] served = {0};
        final class Handler implements Protocol {
            Transport t;
            long got;

            @Override
            public void connectionMade(Transport transport) {
                t = transport;
                try {
                    assertEquals(Boolean.TRUE, ((SocketChannel) t.getExtraInfo(Transport.SOCKET)).getOption(
                            StandardSocketOptions.TCP_NODELAY));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                long before = got;
                got += data.remaining();
                if (before < aData.length && got >= aData.length) {
                    t.write(bytes("OK"));
                }
                if (got == aData.length + bData.length) {
                    t.writelines(List.of(ByteBuffer.wrap(bytes("S")), ByteBuffer.wrap(bytes("P"))));
                    t.write(bytes("A"));
                    t.write(ByteBuffer.wrap(bytes("M")));
                    t.close();
                    served[0]++;
                }
            }
        }
        run(f, () -> {
            Server srv = loop.createServer(Handler::new, List.of("127.0.0.1", "localhost"), 0,
                    ServerOptions.DEFAULTS.withFamily(AddressFamily.INET));
            List<ServerSocketChannel> socks = srv.sockets();
            assertTrue(srv.isServing());
            InetSocketAddress addr = address(srv);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                tasks.add(loop.createTask(Coroutine.of(() -> {
                    try (SocketChannel sock = SocketChannel.open()) {
                        loop.sockConnect(sock, addr);
                        loop.sockSendall(sock, aData);
                        ByteArrayOutputStream buf = new ByteArrayOutputStream();
                        while (buf.size() != 2) {
                            buf.writeBytes(loop.sockRecv(sock, 1));
                        }
                        assertEquals("OK", buf.toString());
                        loop.sockSendall(sock, bData);
                        buf.reset();
                        while (buf.size() != 4) {
                            buf.writeBytes(loop.sockRecv(sock, 1));
                        }
                        assertEquals("SPAM", buf.toString());
                    }
                })));
            }
            for (Task<Void> t : tasks) {
                t.await();
            }
            loop.callSoon(srv::close);
            srv.waitClosed();
            for (ServerSocketChannel s : socks) {
                assertFalse(s.isOpen());
            }
            assertFalse(srv.isServing());
            return null;
        });
        assertEquals(clients, served[0]);
        f.assertNoErrors();
    }

    /** uvloop tests/test_tcp.py::Test_UV_TCP::test_create_server_buffered_1 */
    @Test
    void bufferedProtocolServer() throws Exception {
        int size = 123123;
        boolean[] eof = {false};
        Future<Throwable> lost = loop.createFuture();
        final class Proto implements BufferedProtocol {
            Transport tr;
            final ByteBuffer buf = ByteBuffer.allocate(50);
            long recvd;

            @Override
            public void connectionMade(Transport t) {
                tr = t;
            }

            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return buf.clear();
            }

            @Override
            public void bufferUpdated(int nbytes) {
                for (int i = 0; i < nbytes; i++) {
                    assertEquals('a', buf.get(i));
                }
                recvd += nbytes;
                if (recvd == size) {
                    tr.write(bytes("hello"));
                }
            }

            @Override
            public boolean eofReceived() {
                eof[0] = true;
                return false;
            }

            @Override
            public void connectionLost(Throwable exc) {
                lost.setResult(exc);
            }
        }
        int port = NetTesting.unusedAddress().getPort();
        run(f, () -> {
            Server srv = loop.createServer(Proto::new, "127.0.0.1", port);
            try (SocketChannel s = SocketChannel.open()) {
                loop.sockConnect(s, new InetSocketAddress("127.0.0.1", port));
                byte[] data = new byte[size];
                Arrays.fill(data, (byte) 'a');
                loop.sockSendall(s, data);
                assertEquals("hello", text(loop.sockRecv(s, 100)));
            }
            srv.close();
            srv.waitClosed();
            assertNull(lost.await());
            return null;
        });
        assertTrue(eof[0]);
    }

    /** uvloop tests/test_tcp.py::Test_UV_TCP::test_create_server_buffered_2 (a failing buffered protocol aborts the connection) */
    @Test
    void failingBufferedProtocolAbortsTheConnection() throws Exception {
        Future<Throwable> lost = loop.createFuture();
        int port = NetTesting.unusedAddress().getPort();
        run(f, () -> {
            Server srv = loop.createServer(() -> new BufferedProtocol() {
                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    return ByteBuffer.allocate(100);
                }

                @Override
                public void bufferUpdated(int nbytes) {
                    throw new IllegalStateException("oups");
                }

                @Override
                public void connectionLost(Throwable exc) {
                    lost.setResult(exc);
                }
            }, "127.0.0.1", port);
            try (SocketChannel s = SocketChannel.open()) {
                loop.sockConnect(s, new InetSocketAddress("127.0.0.1", port));
                loop.sockSendall(s, bytes("a"));
                byte[] d;
                try {
                    d = loop.sockRecv(s, 100);
                } catch (ConnectionResetException reset) {
                    d = new byte[0];
                }
                assertEquals(0, d.length, "the server aborted the connection");
            }
            srv.close();
            srv.waitClosed();
            Throwable exc = lost.await();
            assertInstanceOf(IllegalStateException.class, exc);
            assertEquals("oups", exc.getMessage());
            return null;
        });
        assertEquals("Fatal error: protocol.buffer_updated() call failed.", f.errors.get(0).message());
    }

    /** A factory that throws is reported and the connection is dropped; the server keeps serving. */
    @Test
    void failingProtocolFactoryIsReported() throws Exception {
        boolean[] fail = {true};
        run(f, () -> {
            Server srv = loop.createServer(() -> {
                if (fail[0]) {
                    throw new IllegalStateException("no protocol today");
                }
                return new Serve();
            }, "127.0.0.1", 0);
            try (SocketChannel s = SocketChannel.open()) {
                loop.sockConnect(s, address(srv));
                byte[] d;
                try {
                    d = loop.sockRecv(s, 1);
                } catch (ConnectionResetException reset) {
                    d = new byte[0];
                }
                assertEquals(0, d.length);
            }
            fail[0] = false;
            client(srv).close();
            srv.close();
            return null;
        });
        assertEquals("Error on transport creation for incoming connection", f.errors.get(0).message());
        assertEquals(1, f.errors.size());
    }

    /** reuseAddress: on by default on POSIX (asyncio's default), off when asked. */
    @Test
    void reuseAddress() {
        run(f, () -> {
            try (Server on = serve(); Server off = loop.createServer(Serve::new, "127.0.0.1", 0,
                    ServerOptions.DEFAULTS.withReuseAddress(false))) {
                boolean windows = System.getProperty("os.name").startsWith("Windows");
                assertEquals(!windows, on.sockets().get(0).getOption(StandardSocketOptions.SO_REUSEADDR));
                assertFalse(off.sockets().get(0).getOption(StandardSocketOptions.SO_REUSEADDR));
            }
            return null;
        });
    }

    /** Closing the loop closes what transports and servers still hold (no descriptor leak). */
    @Test
    void closingTheLoopReleasesSockets() throws Exception {
        List<SocketChannel> channels = new ArrayList<>();
        List<ServerSocketChannel> listeners = new ArrayList<>();
        run(f, () -> {
            Server srv = serve();
            listeners.addAll(srv.sockets());
            Transport c = client(srv);
            channels.add((SocketChannel) c.getExtraInfo(Transport.SOCKET));
            channels.add((SocketChannel) made.get(0).getExtraInfo(Transport.SOCKET));
            return null;
        });
        loop.close();
        for (SocketChannel ch : channels) {
            assertFalse(ch.isOpen());
        }
        assertFalse(listeners.get(0).isOpen());
    }

    /** keepAlive sets SO_KEEPALIVE on accepted connections. */
    @Test
    void keepAlive() {
        run(f, () -> {
            Server srv = loop.createServer(Serve::new, "127.0.0.1", 0, ServerOptions.DEFAULTS.withKeepAlive(true));
            client(srv);
            SocketChannel accepted = (SocketChannel) made.get(0).getExtraInfo(Transport.SOCKET);
            assertTrue(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE));
            srv.close();
            srv.abortClients();
            return null;
        });
    }

    /** A transport's socket cannot be used with sock* methods (uvloop test_transport_get_extra_info's "is used by transport"). */
    @Test
    void transportSocketIsNotForSockMethods() {
        run(f, () -> {
            Server srv = serve();
            Transport c = client(srv);
            SocketChannel sock = (SocketChannel) c.getExtraInfo(Transport.SOCKET);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.sockRecv(sock, 1));
            assertTrue(e.getMessage().contains("is used by transport"), e.getMessage());
            assertSame(sock, c.getExtraInfo(Transport.SOCKET));
            c.abort();
            srv.close();
            return null;
        });
    }
}
