package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.jasyncio.net.NetTesting.runVoid;
import static org.jasyncio.net.NetTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.transport.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The low-level {@code sock*} methods, on every readiness backend: ports of
 * {@code Lib/test/test_asyncio/test_sock_lowlevel.py}.
 *
 * <p>Not ported: the debug-mode "socket must be non-blocking" checks (the sock* methods
 * switch JDK channels to non-blocking mode themselves, see
 * {@link #blockingChannelIsSwitchedToNonBlocking}), {@code test_sock_client_connect_racing}
 * (the JDK binds and listens in one call, so "bound but not listening" cannot be set up),
 * {@code test_sendto_blocking} (it mocks {@code sendto} to raise {@code BlockingIOError};
 * loopback UDP never blocks), and the AF_UNIX variants (issue 6).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class SockLowLevelConformanceTest extends BackendLoopTest {


    private static boolean isHttpOk(byte[] data) {
        return text(data).startsWith("HTTP/1.0 200 OK");
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_ops (sock_recv) */
    @Test
    void sockClientOps() throws Exception {
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            byte[] data = run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                loop.sockSendall(sock, bytes("GET / HTTP/1.0\r\n\r\n"));
                byte[] first = loop.sockRecv(sock, 1024);
                loop.sockRecv(sock, 1024);   // consume the rest
                return first;
            });
            assertTrue(isHttpOk(data), text(data));
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_ops (sock_recv_into) */
    @Test
    void sockClientOpsRecvInto() throws Exception {
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            byte[] data = new byte[1024];
            run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                loop.sockSendall(sock, bytes("GET / HTTP/1.0\r\n\r\n"));
                ByteBuffer buf = ByteBuffer.wrap(data);
                int n = loop.sockRecvInto(sock, buf.slice(0, 1024));
                return loop.sockRecvInto(sock, buf.slice(n, 1024 - n));
            });
            assertTrue(isHttpOk(data), text(data));
        }
    }

    /**
     * Replaces the debug-mode "must be non-blocking" checks of
     * Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_ops:
     * a blocking channel is made non-blocking instead of refused.
     */
    @Test
    void blockingChannelIsSwitchedToNonBlocking() throws Exception {
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            assertTrue(sock.isBlocking());
            run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                return null;
            });
            assertFalse(sock.isBlocking());
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_racing (recv) */
    @Test
    void sockRecvRacing() throws Exception {
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            byte[] data = run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                Task<byte[]> pending = loop.createTask(() -> loop.sockRecv(sock, 1024));
                AsyncIO.sleep(0);
                pending.cancel();
                loop.createTask(Coroutine.of(() -> loop.sockSendall(sock, bytes("GET / HTTP/1.0\r\n\r\n"))));
                byte[] first = loop.sockRecv(sock, 1024);
                loop.sockRecv(sock, 1024);
                assertTrue(pending.cancelled());
                return first;
            });
            assertTrue(isHttpOk(data), text(data));
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_racing (recv_into) */
    @Test
    void sockRecvIntoRacing() throws Exception {
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            byte[] data = new byte[1024];
            run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                ByteBuffer buf = ByteBuffer.wrap(data);
                Task<Integer> pending = loop.createTask(() -> loop.sockRecvInto(sock, buf.slice(0, 1024)));
                AsyncIO.sleep(0);
                pending.cancel();
                Task<Void> send = loop.createTask(
                        Coroutine.of(() -> loop.sockSendall(sock, bytes("GET / HTTP/1.0\r\n\r\n"))));
                int n = loop.sockRecvInto(sock, buf.slice(0, 1024));
                loop.sockRecvInto(sock, buf.slice(n, 1024 - n));
                send.await();
                return null;
            });
            assertTrue(isHttpOk(data), text(data));
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_racing (send) */
    @Test
    void sockSendRacing() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open(); SocketChannel sock = SocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            sock.setOption(StandardSocketOptions.SO_SNDBUF, 1024);
            byte[] data = run(f, () -> {
                Task<Void> connect = loop.createTask(
                        Coroutine.of(() -> loop.sockConnect(sock, listener.getLocalAddress())));
                AsyncIO.sleep(0);
                SocketChannel server = loop.sockAccept(listener).socket();
                try (server) {
                    connect.await();
                    // fill the send buffer until even 4 bytes would block
                    for (int size = 8192; size >= 4; size /= 2) {
                        while (sock.write(ByteBuffer.allocate(size).put(0, bytes(" ".repeat(size)))) > 0) {
                            // keep filling
                        }
                    }
                    Task<Void> blocked = loop.createTask(Coroutine.of(() -> loop.sockSendall(sock, bytes("hello"))));
                    AsyncIO.sleep(0);
                    blocked.cancel();
                    Task<byte[]> receiver = loop.createTask(() -> {
                        ByteArrayOutputStream all = new ByteArrayOutputStream();
                        while (true) {
                            byte[] b = loop.sockRecv(server, 8192);
                            if (b.length == 0) {
                                return all.toByteArray();
                            }
                            all.writeBytes(text(b).strip().getBytes());
                        }
                    });
                    loop.sockSendall(sock, bytes("world"));
                    sock.shutdownOutput();
                    return receiver.await();
                }
            });
            assertTrue(text(data).endsWith("world"), text(data));
        }
    }

    private void hugeContent(boolean recvInto) throws Exception {
        int size = 1_000_000;
        byte[] chunk = bytes("0123456789".repeat(size / 10));
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            byte[] body = run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                loop.sockSendall(sock, bytes("POST /loop HTTP/1.0\r\nContent-Length: " + size + "\r\n\r\n"));
                Task<Void> send = loop.createTask(Coroutine.of(() -> loop.sockSendall(sock, chunk)));
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(size);
                while (true) {
                    byte[] got;
                    if (recvInto) {
                        buf.clear();
                        int n = loop.sockRecvInto(sock, buf);
                        got = Arrays.copyOf(buf.array(), n);
                    } else {
                        got = loop.sockRecv(sock, size);
                    }
                    if (got.length == 0) {
                        break;
                    }
                    all.writeBytes(got);
                }
                send.await();
                return all.toByteArray();
            });
            String s = text(body);
            assertTrue(s.startsWith("HTTP/1.0 200 OK"), s.substring(0, Math.min(40, s.length())));
            byte[] payload = Arrays.copyOfRange(body, s.indexOf("\r\n\r\n") + 4, body.length);
            assertEquals(size, payload.length);
            assertArrayEquals(chunk, payload);
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_huge_content */
    @Test
    void hugeContent() throws Exception {
        hugeContent(false);
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_huge_content_recvinto */
    @Test
    void hugeContentRecvInto() throws Exception {
        hugeContent(true);
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_recvfrom */
    @Test
    void recvfrom() throws Exception {
        try (var echo = new NetTesting.UdpEchoServer();
                DatagramChannel sock = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            byte[] data = new byte[4096];
            Arrays.fill(data, (byte) 1);
            ReceivedFrom got = run(f, () -> {
                loop.sockSendto(sock, ByteBuffer.wrap(data), echo.address());
                return loop.sockRecvfrom(sock, 4096);
            });
            assertArrayEquals(data, got.data());
            assertEquals(echo.address(), got.address());
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_recvfrom_into */
    @Test
    void recvfromInto() throws Exception {
        try (var echo = new NetTesting.UdpEchoServer();
                DatagramChannel sock = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            byte[] data = new byte[4096];
            Arrays.fill(data, (byte) 1);
            run(f, () -> {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                loop.sockSendto(sock, ByteBuffer.wrap(data), echo.address());
                ReceivedInto got = loop.sockRecvfromInto(sock, buf);
                assertEquals(4096, got.nbytes());
                assertArrayEquals(data, buf.array());
                assertEquals(echo.address(), got.address());
                ByteBuffer big = ByteBuffer.allocate(8192);
                loop.sockSendto(sock, ByteBuffer.wrap(data), echo.address());
                got = loop.sockRecvfromInto(sock, big.limit(4096));
                assertEquals(4096, got.nbytes());
                assertArrayEquals(data, Arrays.copyOf(big.array(), 4096));
                return null;
            });
        }
    }

    /**
     * Lib/test/test_asyncio/test_sock_lowlevel.py::ProactorEventLoopTests::test_datagram_send_to_non_listening_address_recvfrom
     * (a proactor regression test; the scenario applies to every loop)
     */
    @Test
    void datagramSendToNonListeningAddress() throws Exception {
        InetSocketAddress lo = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramChannel s1 = DatagramChannel.open().bind(lo); DatagramChannel s2 = DatagramChannel.open().bind(lo)) {
            InetSocketAddress addr3;
            try (DatagramChannel s3 = DatagramChannel.open().bind(lo)) {
                addr3 = (InetSocketAddress) s3.getLocalAddress();
            }
            run(f, () -> {
                Task<ReceivedFrom> r1 = loop.createTask(() -> loop.sockRecvfrom(s1, 4096));
                Task<ReceivedFrom> r2 = loop.createTask(() -> loop.sockRecvfrom(s2, 4096));
                AsyncIO.sleep(0);
                loop.sockSendto(s1, ByteBuffer.wrap(bytes("a")), s2.getLocalAddress());
                assertEquals("a", text(r2.await().data()));
                loop.sockSendto(s2, ByteBuffer.wrap(bytes("b")), s1.getLocalAddress());
                assertEquals("b", text(r1.await().data()));
                Task<ReceivedFrom> again = loop.createTask(() -> loop.sockRecvfrom(s1, 4096));
                AsyncIO.sleep(0);
                loop.sockSendto(s1, ByteBuffer.wrap(bytes("c")), addr3);
                s2.send(ByteBuffer.wrap(bytes("d")), s1.getLocalAddress());
                assertEquals("d", text(again.await().data()));
                return null;
            });
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_client_fail */
    @Test
    void sockClientFail() throws Exception {
        InetSocketAddress address = NetTesting.unusedAddress();
        try (SocketChannel sock = SocketChannel.open()) {
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> runVoid(f, () -> loop.sockConnect(sock, address)));
            assertTrue(e.getMessage().contains("Connect call failed"), e.getMessage());
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_sock_accept */
    @Test
    void sockAccept() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open();
                SocketChannel client = SocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            client.connect(listener.getLocalAddress());
            Accepted a = run(f, () -> loop.sockAccept(listener));
            try (SocketChannel conn = a.socket()) {
                assertFalse(conn.isBlocking());
                assertEquals(client.getLocalAddress(), a.address());
                assertEquals(listener.getLocalAddress(), client.getRemoteAddress());
            }
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_cancel_sock_accept */
    @Test
    void cancelSockAccept() throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
        run(f, () -> {
            Task<Accepted> accept = loop.createTask(() -> loop.sockAccept(listener));
            AsyncIO.sleep(0.1);
            accept.cancel();
            assertThrows(CancelledException.class, accept::await);
            return null;
        });
        listener.close();
        try (SocketChannel client = SocketChannel.open()) {
            assertThrows(ConnectionRefusedException.class, () -> runVoid(f, () -> loop.sockConnect(client, address)));
        }
    }

    /** Lib/test/test_asyncio/test_sock_lowlevel.py::BaseSockTestsMixin::test_create_connection_sock */
    @Test
    void createConnectionSock() throws Exception {
        try (var httpd = NetTesting.httpServer()) {
            NetTesting.RecordingProtocol pr = run(f, () -> {
                SocketChannel sock = null;
                for (AddressInfo info : loop.getaddrinfo(httpd.address().getHostString(), httpd.address().getPort(),
                        AddressFamily.UNSPEC, SocketKind.STREAM, 0)) {
                    SocketChannel candidate = SocketChannel.open(info.family().protocolFamily());
                    try {
                        loop.sockConnect(candidate, info.address());
                        sock = candidate;
                        break;
                    } catch (NetworkException e) {
                        candidate.close();
                    }
                }
                assertTrue(sock != null, "Can not create socket.");
                Connection<NetTesting.RecordingProtocol> c = loop.createConnection(
                        () -> new NetTesting.RecordingProtocol(loop), sock);
                assertInstanceOf(org.jasyncio.transport.Transport.class, c.transport());
                c.protocol().done.await();
                c.transport().close();
                return c.protocol();
            });
            assertTrue(pr.nbytes > 0);
        }
        f.assertNoErrors();
    }

    /** A wait of the same kind on a socket another task already waits on is refused, not silently replaced. */
    @Test
    void secondConcurrentReaderIsRefused() throws Exception {
        try (var httpd = NetTesting.httpServer(); SocketChannel sock = SocketChannel.open()) {
            run(f, () -> {
                loop.sockConnect(sock, httpd.address());
                Task<byte[]> first = loop.createTask(() -> loop.sockRecv(sock, 10));
                AsyncIO.sleep(0);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.sockRecv(sock, 10));
                assertTrue(e.getMessage().contains("already waiting to read"), e.getMessage());
                first.cancel();
                return null;
            });
        }
    }

    /** Awaiting methods outside a task say how to call them. */
    @Test
    void sockMethodsOutsideATaskSaySo() throws Exception {
        try (SocketChannel sock = SocketChannel.open()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.sockRecv(sock, 1));
            assertTrue(e.getMessage().contains("inside a task"), e.getMessage());
        }
    }
}
