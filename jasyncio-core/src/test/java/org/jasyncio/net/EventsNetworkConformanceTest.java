package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.jasyncio.net.NetTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Server;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramTransport;
import org.jasyncio.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections, servers and datagram endpoints on every readiness backend: ports of the
 * network scenarios of {@code Lib/test/test_asyncio/test_events.py}
 * ({@code EventLoopTestsMixin}) and of {@code test_base_events.py} that need no mocks.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class EventsNetworkConformanceTest extends BackendLoopTest {


    private static boolean ipv6Loopback() {
        try (var s = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- create_connection

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_connection */
    @Test
    void createConnection() throws Exception {
        try (var httpd = NetTesting.httpServer()) {
            NetTesting.RecordingProtocol pr = run(f, () -> {
                Connection<NetTesting.RecordingProtocol> c = loop.createConnection(
                        () -> new NetTesting.RecordingProtocol(loop), "127.0.0.1", httpd.address().getPort());
                assertInstanceOf(Transport.class, c.transport());
                c.protocol().done.await();
                return c.protocol();
            });
            assertTrue(pr.nbytes > 0);
            assertEquals("CLOSED", pr.state);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_connection_local_addr */
    @Test
    void createConnectionLocalAddr() throws Exception {
        try (var httpd = NetTesting.httpServer()) {
            int port = NetTesting.unusedAddress().getPort();
            int bound = run(f, () -> {
                Connection<NetTesting.RecordingProtocol> c = loop.createConnection(
                        () -> new NetTesting.RecordingProtocol(loop), "127.0.0.1", httpd.address().getPort(),
                        ConnectionOptions.DEFAULTS.withLocalAddr(new InetSocketAddress("127.0.0.1", port)));
                int p = ((InetSocketAddress) c.transport().getExtraInfo(Transport.SOCKNAME)).getPort();
                c.transport().close();
                return p;
            });
            assertEquals(port, bound);
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_connection_local_addr_skip_different_family */
    @Test
    void createConnectionLocalAddrSkipDifferentFamily() throws Exception {
        int remote = NetTesting.unusedAddress().getPort();
        int local = NetTesting.unusedAddress().getPort();
        NetworkException e = assertThrows(NetworkException.class, () -> run(f, () -> loop.createConnection(
                () -> new NetTesting.RecordingProtocol(loop), "127.0.0.1", remote,
                ConnectionOptions.DEFAULTS.withLocalAddr(InetSocketAddress.createUnresolved("localhost", local)))));
        assertInstanceOf(ConnectionRefusedException.class, e, "the IPv4 local address was used; nothing listens");
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_connection_local_addr_nomatch_family */
    @Test
    void createConnectionLocalAddrNomatchFamily() throws Exception {
        int remote = NetTesting.unusedAddress().getPort();
        NetworkException e = assertThrows(NetworkException.class, () -> run(f, () -> loop.createConnection(
                () -> new NetTesting.RecordingProtocol(loop), "127.0.0.1", remote,
                ConnectionOptions.DEFAULTS.withLocalAddr(new InetSocketAddress("::1", 0)))));
        assertTrue(e.getMessage().contains("no matching local address with family=INET"), e.getMessage());
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_connection_local_addr_in_use */
    @Test
    void createConnectionLocalAddrInUse() throws Exception {
        try (var httpd = NetTesting.httpServer()) {
            NetworkException e = assertThrows(NetworkException.class, () -> run(f, () -> loop.createConnection(
                    () -> new NetTesting.RecordingProtocol(loop), "127.0.0.1", httpd.address().getPort(),
                    ConnectionOptions.DEFAULTS.withLocalAddr(httpd.address()))));
            assertTrue(e.getMessage().contains("error while attempting to bind on address"), e.getMessage());
            assertTrue(e.getMessage().contains(httpd.address().toString()), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("address already in use"), e.getMessage());
        }
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_connection_no_host_port_sock */
    @Test
    void createConnectionWithoutHost() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(f, () -> loop.createConnection(() -> new NetTesting.RecordingProtocol(loop), null, 80)));
        assertTrue(e.getMessage().contains("no sock specified"), e.getMessage());
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_connect_accepted_socket */
    @Test
    void connectAcceptedSocket() throws Exception {
        byte[] message = bytes("test data");
        byte[] expected = bytes("roger");
        try (ServerSocketChannel lsock = ServerSocketChannel.open()) {
            lsock.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            InetSocketAddress addr = (InetSocketAddress) lsock.getLocalAddress();
            byte[][] response = new byte[1][];
            Thread client = Thread.ofPlatform().start(() -> {
                try (Socket c = new Socket(addr.getAddress(), addr.getPort())) {
                    c.getOutputStream().write(message);
                    response[0] = c.getInputStream().readNBytes(5);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SocketChannel conn = lsock.accept();
            NetTesting.RecordingProtocol proto = new NetTesting.RecordingProtocol(loop, null) {
                @Override
                public void dataReceived(ByteBuffer data) {
                    super.dataReceived(data);
                    transport.write(expected);
                }
            };
            run(f, () -> {
                loop.connectAcceptedSocket(() -> proto, conn);
                proto.done.await();
                return null;
            });
            client.join(10_000);
            assertEquals("CLOSED", proto.state);
            assertEquals(message.length, proto.nbytes);
            assertEquals("roger", NetTesting.text(response[0]));
        }
    }

    // ---------------------------------------------------------------- create_server

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server */
    @Test
    void createServer() throws Exception {
        NetTesting.RecordingProtocol proto = new NetTesting.RecordingProtocol(loop, null);
        Server server = run(f, () -> loop.createServer(() -> proto, "0.0.0.0", 0));
        assertEquals(1, server.sockets().size());
        InetSocketAddress bound = (InetSocketAddress) server.sockets().get(0).getLocalAddress();
        assertEquals("0.0.0.0", bound.getAddress().getHostAddress());
        try (Socket client = new Socket("127.0.0.1", bound.getPort())) {
            client.getOutputStream().write(bytes("xxx"));
            run(f, () -> {
                proto.connected.await();
                assertEquals("CONNECTED", proto.state);
                until(() -> proto.nbytes > 0);
                assertEquals(3, proto.nbytes);
                assertNotNull(proto.transport.getExtraInfo(Transport.SOCKNAME));
                assertEquals("127.0.0.1",
                        ((InetSocketAddress) proto.transport.getExtraInfo(Transport.PEERNAME)).getAddress().getHostAddress());
                proto.transport.close();
                proto.done.await();
                return null;
            });
            assertEquals("CLOSED", proto.state);
        }
        run(f, () -> {
            server.close();
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server_reuse_port */
    @Test
    void createServerReusePort() throws Exception {
        run(f, () -> {
            try (Server server = loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null), "0.0.0.0", 0)) {
                assertFalse(server.sockets().get(0).getOption(StandardSocketOptions.SO_REUSEPORT));
            }
            try (Server server = loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null), "0.0.0.0", 0,
                    ServerOptions.DEFAULTS.withReusePort(true))) {
                assertTrue(server.sockets().get(0).getOption(StandardSocketOptions.SO_REUSEPORT));
            }
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server_sock */
    @Test
    void createServerSock() throws Exception {
        ServerSocketChannel sockOb = ServerSocketChannel.open();
        sockOb.bind(new InetSocketAddress("0.0.0.0", 0));
        Future<NetTesting.RecordingProtocol> made = loop.createFuture();
        Server server = run(f, () -> loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null) {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                made.setResult(this);
            }
        }, sockOb, ServerOptions.DEFAULTS));
        assertSame(sockOb, server.sockets().get(0));
        int port = ((InetSocketAddress) sockOb.getLocalAddress()).getPort();
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write(bytes("xxx"));
            run(f, () -> made.await());
        }
        run(f, () -> {
            server.close();
            return null;
        });
        assertFalse(sockOb.isOpen(), "the server closes the socket it was given");
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server_addr_in_use */
    @Test
    void createServerAddrInUse() throws Exception {
        run(f, () -> {
            try (Server server = loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null), "0.0.0.0", 0)) {
                InetSocketAddress a = (InetSocketAddress) server.sockets().get(0).getLocalAddress();
                NetworkException e = assertThrows(NetworkException.class, () -> loop.createServer(
                        () -> new NetTesting.RecordingProtocol(loop, null), "0.0.0.0", a.getPort()));
                assertTrue(e.getMessage().contains("error while attempting to bind on address"), e.getMessage());
                assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
            }
            return null;
        });
    }

    /**
     * Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server_dual_stack
     * and uvloop tests/test_tcp.py::_TestTCP::test_create_server_5 (host None binds IPv4 and IPv6)
     */
    @Test
    void createServerDualStack() throws Exception {
        assumeTrue(ipv6Loopback(), "IPv6 not supported or enabled");
        Future<?>[] made = {loop.createFuture()};
        Server server = null;
        int port = 0;
        for (int attempt = 0; attempt < 5 && server == null; attempt++) {
            port = NetTesting.unusedAddress().getPort();
            int p = port;
            try {
                server = run(f, () -> loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null) {
                    @Override
                    public void connectionMade(Transport t) {
                        super.connectionMade(t);
                        @SuppressWarnings("unchecked")
                        Future<Object> m = (Future<Object>) made[0];
                        m.setResult(this);
                    }
                }, (String) null, p));
            } catch (NetworkException inUse) {
                // the port was taken meanwhile: try another
            }
        }
        assertNotNull(server);
        for (String host : List.of("127.0.0.1", "::1")) {
            made[0] = loop.createFuture();
            try (Socket client = new Socket(host, port)) {
                client.getOutputStream().write(bytes("xxx"));
                NetTesting.RecordingProtocol proto = (NetTesting.RecordingProtocol) run(f, () -> made[0].await());
                run(f, () -> {
                    proto.transport.close();
                    return proto.done.await();
                });
            }
        }
        Server s = server;
        run(f, () -> {
            s.close();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server_multiple_hosts_ipv4 */
    @Test
    void createServerMultipleHostsIpv4() throws Exception {
        try (var probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.2", 0));
        } catch (IOException notLinuxLoopback) {
            assumeTrue(false, "127.0.0.2 is not a local address here");
        }
        run(f, () -> {
            try (Server server = loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null),
                    List.of("127.0.0.1", "127.0.0.2", "127.0.0.1"), 0, ServerOptions.DEFAULTS)) {
                Set<String> hosts = server.sockets().stream().map(s -> {
                    try {
                        return ((InetSocketAddress) s.getLocalAddress()).getAddress().getHostAddress();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).collect(Collectors.toSet());
                assertEquals(Set.of("127.0.0.1", "127.0.0.2"), hosts);
            }
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_server_multiple_hosts_ipv6 */
    @Test
    void createServerMultipleHostsIpv6() throws Exception {
        assumeTrue(ipv6Loopback(), "IPv6 not supported or enabled");
        run(f, () -> {
            try (Server server = loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null),
                    List.of("::1", "::1"), 0, ServerOptions.DEFAULTS)) {
                assertEquals(1, server.sockets().size());
                assertInstanceOf(Inet6Address.class,
                        ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getAddress());
            }
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_server_empty_host */
    @Test
    void createServerEmptyHostMeansAllInterfaces() throws Exception {
        run(f, () -> {
            try (Server server = loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null), "", 0,
                    ServerOptions.DEFAULTS.withFamily(AddressFamily.INET))) {
                InetSocketAddress a = (InetSocketAddress) server.sockets().get(0).getLocalAddress();
                assertTrue(a.getAddress().isAnyLocalAddress(), a.toString());
            }
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_server_close */
    @Test
    void serverClose() throws Exception {
        Server server = run(f, () -> loop.createServer(() -> new NetTesting.RecordingProtocol(loop, null),
                "0.0.0.0", 0));
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write(bytes("xxx"));
        }
        run(f, () -> {
            server.close();
            return null;
        });
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    // ---------------------------------------------------------------- datagram endpoints

    private void createDatagramEndpoint(InetSocketAddress localAddr, AddressFamily family) {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> s = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop, true),
                    DatagramOptions.local(localAddr).withFamily(family));
            NetTesting.DatagramProbe server = s.protocol();
            InetSocketAddress sockname = (InetSocketAddress) s.transport().getExtraInfo(Transport.SOCKNAME);
            NameInfo ni = loop.getnameinfo(sockname, NameInfo.NI_NUMERICHOST | NameInfo.NI_NUMERICSERV);
            assertEquals("INITIALIZED", server.state);
            assertSame(s.transport(), server.transport);
            DatagramEndpoint<NetTesting.DatagramProbe> c = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.remote(InetSocketAddress.createUnresolved(ni.host(), Integer.parseInt(ni.service()))));
            NetTesting.DatagramProbe client = c.protocol();
            assertEquals("INITIALIZED", client.state);
            assertSame(c.transport(), client.transport);
            c.transport().sendto(bytes("xxx"));
            until(() -> server.nbytes > 0);
            assertEquals(3, server.nbytes);
            until(() -> client.nbytes > 0);
            assertEquals(8, client.nbytes);
            assertNotNull(c.transport().getExtraInfo(Transport.SOCKNAME));
            c.transport().close();
            client.done.await();
            assertEquals("CLOSED", client.state);
            s.transport().close();
            server.done.await();
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_datagram_endpoint */
    @Test
    void createDatagramEndpoint() {
        createDatagramEndpoint(new InetSocketAddress("127.0.0.1", 0), AddressFamily.INET);
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_datagram_endpoint_ipv6 */
    @Test
    void createDatagramEndpointIpv6() {
        assumeTrue(ipv6Loopback(), "IPv6 not supported or enabled");
        createDatagramEndpoint(new InetSocketAddress("::1", 0), AddressFamily.INET6);
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_datagram_endpoint_sock */
    @Test
    void createDatagramEndpointSock() throws Exception {
        DatagramChannel sock = null;
        List<AddressInfo> infos = run(f, () -> loop.getaddrinfo("127.0.0.1", 0, AddressFamily.UNSPEC, SocketKind.DGRAM, 0));
        for (AddressInfo info : infos) {
            try {
                sock = DatagramChannel.open(info.family().protocolFamily()).bind(info.address());
                break;
            } catch (IOException e) {
                // try the next
            }
        }
        assertNotNull(sock, "Can not create socket.");
        DatagramChannel s = sock;
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), s);
            assertInstanceOf(NetTesting.DatagramProbe.class, e.protocol());
            e.transport().close();
            return e.protocol().done.await();
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_datagram_send_to_non_listening_address */
    @Test
    void datagramSendToNonListeningAddress() throws Exception {
        run(f, () -> {
            InetSocketAddress lo = new InetSocketAddress("127.0.0.1", 0);
            DatagramEndpoint<NetTesting.DatagramProbe> e1 = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(lo));
            DatagramEndpoint<NetTesting.DatagramProbe> e2 = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(lo));
            DatagramEndpoint<NetTesting.DatagramProbe> e3 = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(lo));
            var addr1 = (java.net.SocketAddress) e1.transport().getExtraInfo(Transport.SOCKNAME);
            var addr2 = (java.net.SocketAddress) e2.transport().getExtraInfo(Transport.SOCKNAME);
            var addr3 = (java.net.SocketAddress) e3.transport().getExtraInfo(Transport.SOCKNAME);
            e3.transport().abort();
            e1.transport().sendto(bytes("a"), addr2);
            until(() -> e2.protocol().datagrams.size() == 1);
            e2.transport().sendto(bytes("b"), addr1);
            until(() -> e1.protocol().datagrams.size() == 1);
            e1.transport().sendto(bytes("c"), addr3);
            AsyncIO.sleep(0);
            e2.transport().sendto(bytes("d"), addr1);
            until(() -> e1.protocol().datagrams.size() == 2);
            assertEquals("d", NetTesting.text(e1.protocol().datagrams.get(1)));
            e1.transport().close();
            e2.transport().close();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_datagram_endpoint_noaddr_nofamily */
    @Test
    void createDatagramEndpointNoAddressNoFamily() {
        assertThrows(IllegalArgumentException.class, () -> run(f, () -> loop.createDatagramEndpoint(
                () -> new NetTesting.DatagramProbe(loop), DatagramOptions.DEFAULTS)));
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_datagram_endpoint_no_matching_family */
    @Test
    void createDatagramEndpointNoMatchingFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(f, () -> loop.createDatagramEndpoint(() -> new NetTesting.DatagramProbe(loop),
                        DatagramOptions.remote(new InetSocketAddress("127.0.0.1", 9))
                                .withLocalAddr(new InetSocketAddress("::1", 0)))));
        assertTrue(e.getMessage().contains("can not get address information"), e.getMessage());
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_datagram_endpoint_allow_broadcast */
    @Test
    void createDatagramEndpointAllowBroadcastDoesNotConnect() {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.remote(new InetSocketAddress("127.0.0.1", 9)).withAllowBroadcast(true));
            DatagramChannel ch = (DatagramChannel) e.transport().getExtraInfo(Transport.SOCKET);
            assertFalse(ch.isConnected());
            e.transport().close();
            e.protocol().done.await();
            assertEquals("CLOSED", e.protocol().state);
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_datagram_endpoint_sockopts */
    @Test
    void createDatagramEndpointSockopts() {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> plain = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
            DatagramChannel ch = (DatagramChannel) plain.transport().getExtraInfo(Transport.SOCKET);
            assertFalse(ch.getOption(StandardSocketOptions.SO_REUSEPORT));
            assertFalse(ch.getOption(StandardSocketOptions.SO_BROADCAST));
            plain.transport().close();
            plain.protocol().done.await();
            DatagramEndpoint<NetTesting.DatagramProbe> opts = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0))
                            .withReusePort(true).withAllowBroadcast(true));
            ch = (DatagramChannel) opts.transport().getExtraInfo(Transport.SOCKET);
            assertFalse(ch.getOption(StandardSocketOptions.SO_REUSEADDR));
            assertTrue(ch.getOption(StandardSocketOptions.SO_REUSEPORT));
            assertTrue(ch.getOption(StandardSocketOptions.SO_BROADCAST));
            opts.transport().close();
            opts.protocol().done.await();
            assertEquals("CLOSED", opts.protocol().state);
            return null;
        });
    }

    // ---------------------------------------------------------------- cancellation

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_prompt_cancellation */
    @Test
    void promptCancellation() throws Exception {
        try (NetTesting.Pair pair = NetTesting.tcpPair()) {
            String res = run(f, () -> {
                Task<byte[]> recv = loop.createTask(() -> loop.sockRecv(pair.a(), 1));
                loop.callSoon(() -> recv.cancel());
                try {
                    recv.await();
                    return null;
                } catch (CancelledException e) {
                    return "cancelled";
                }
            });
            assertEquals("cancelled", res);
        }
    }

    /** A datagram transport is a {@link DatagramTransport}, not a stream one (test_selector_events test_transport_inheritance). */
    @Test
    void datagramTransportInheritance() {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
            assertInstanceOf(DatagramTransport.class, e.transport());
            assertFalse(e.transport() instanceof Transport);
            e.transport().close();
            return null;
        });
    }
}
