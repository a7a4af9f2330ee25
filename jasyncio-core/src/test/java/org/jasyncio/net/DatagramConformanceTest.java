package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.jasyncio.net.NetTesting.text;
import static org.jasyncio.net.NetTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.jasyncio.AsyncIO;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WriteBufferLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UDP endpoints on every readiness backend: uvloop's {@code tests/test_udp.py} and the
 * datagram-transport scenarios of {@code Lib/test/test_asyncio/test_selector_events.py}
 * ({@code SelectorDatagramTransportTests}) that a real socket can reproduce.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class DatagramConformanceTest extends BackendLoopTest {

    private static boolean ipv6() {
        try (DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            c.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void endpointAddrs(AddressFamily family, InetSocketAddress lcAddr) {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> s = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop, true), DatagramOptions.local(lcAddr).withFamily(family));
            NetTesting.DatagramProbe server = s.protocol();
            InetSocketAddress remote = (InetSocketAddress) s.transport().getExtraInfo(Transport.SOCKNAME);
            assertEquals("INITIALIZED", server.state);
            assertSame(s.transport(), server.transport);
            DatagramEndpoint<NetTesting.DatagramProbe> c = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.remote(remote).withFamily(family).withReusePort(true));
            NetTesting.DatagramProbe client = c.protocol();
            assertEquals("INITIALIZED", client.state);
            c.transport().sendto(bytes("xxx"));
            until(() -> server.nbytes > 0);
            assertEquals(3, server.nbytes);
            until(() -> client.nbytes > 0);
            assertEquals(8, client.nbytes);
            // uvloop issue 319: the remote address itself is accepted
            c.transport().sendto(bytes("xxx"), remote);
            until(() -> server.nbytes > 3);
            assertEquals(6, server.nbytes);
            until(() -> client.nbytes > 8);
            assertEquals(16, client.nbytes);
            // another port is refused
            InetSocketAddress bad = new InetSocketAddress(remote.getAddress(), remote.getPort() + 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.transport().sendto(bytes("xxx"), bad));
            assertTrue(e.getMessage().startsWith("Invalid address"), e.getMessage());
            assertTrue(e.getMessage().contains(remote.toString()), e.getMessage());
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

    /** uvloop tests/test_udp.py::_TestUDP::test_create_datagram_endpoint_addrs_ipv4 */
    @Test
    void endpointAddrsIpv4() {
        endpointAddrs(AddressFamily.INET, new InetSocketAddress("127.0.0.1", 0));
    }

    /** uvloop tests/test_udp.py::_TestUDP::test_create_datagram_endpoint_addrs_ipv4_nameaddr */
    @Test
    void endpointAddrsIpv4Nameaddr() {
        endpointAddrs(AddressFamily.INET, InetSocketAddress.createUnresolved("localhost", 0));
    }

    /** uvloop tests/test_udp.py::Test_AIO_UDP::test_create_datagram_endpoint_addrs_ipv6 */
    @Test
    void endpointAddrsIpv6() {
        assumeTrue(ipv6(), "no IPv6");
        endpointAddrs(AddressFamily.INET6, new InetSocketAddress("::1", 0));
    }

    /** uvloop tests/test_udp.py::_TestUDP::test_create_datagram_endpoint_ipv6_family */
    @Test
    void endpointIpv6FamilyOnly() {
        assumeTrue(ipv6(), "no IPv6");
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.DEFAULTS.withFamily(AddressFamily.INET6));
            e.transport().close();
            e.protocol().done.await();
            return null;
        });
    }

    /** uvloop tests/test_udp.py::_TestUDP::test_create_datagram_1 (a fixed server port; a client with remote and local) */
    @Test
    void serverAndClientWithLocalAndRemote() throws Exception {
        int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        InetSocketAddress serverAddr = new InetSocketAddress("127.0.0.1", port);
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> s = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(serverAddr));
            DatagramEndpoint<NetTesting.DatagramProbe> c = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.remote(serverAddr).withLocalAddr(new InetSocketAddress("127.0.0.1", 0)));
            c.transport().sendto(bytes("hi"));
            until(() -> s.protocol().nbytes == 2);
            assertEquals(c.transport().getExtraInfo(Transport.SOCKNAME), s.protocol().senders.get(0));
            c.transport().close();
            s.transport().close();
            AsyncIO.sleep(0.01);
            return null;
        });
    }

    /** uvloop tests/test_udp.py::Test_UV_UDP::test_udp_sendto_dns (no DNS lookup inside sendto; family mismatch) */
    @Test
    void sendtoRefusesUnresolvedAndMismatchedAddresses() {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> s = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)).withFamily(AddressFamily.INET));
            IllegalArgumentException dns = assertThrows(IllegalArgumentException.class,
                    () -> s.transport().sendto(bytes("aaaa"), InetSocketAddress.createUnresolved("example.com", 80)));
            assertTrue(dns.getMessage().contains("DNS lookup"), dns.getMessage());
            IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
                    () -> s.transport().sendto(bytes("aaaa"), new InetSocketAddress("::1", 80)));
            assertTrue(family.getMessage().contains("socket family mismatch"), family.getMessage());
            s.transport().close();
            return null;
        });
    }

    /** uvloop tests/test_udp.py::Test_UV_UDP::test_send_after_close */
    @Test
    void sendAfterCloseIsIgnored() {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> s = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
            s.transport().close();
            s.transport().sendto(bytes("aaaa"), new InetSocketAddress("127.0.0.1", 80));
            AsyncIO.sleep(0.01);
            s.transport().sendto(bytes("aaaa"), new InetSocketAddress("127.0.0.1", 80));
            assertEquals(0, s.transport().getWriteBufferSize());
            return null;
        });
        f.assertNoErrors();
    }

    /** uvloop tests/test_udp.py::_TestUDP::test_create_datagram_endpoint_sock */
    @Test
    void endpointOnGivenSocket() throws Exception {
        DatagramChannel sock = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), sock);
            assertSame(sock, e.transport().getExtraInfo(Transport.SOCKET));
            e.transport().close();
            e.protocol().done.await();
            return null;
        });
    }

    /**
     * Lib/test/test_asyncio/test_selector_events.py::SelectorDatagramTransportTests::test_read_ready_err and
     * test_sendto_error_received_connected: on a connected endpoint, ICMP "port unreachable"
     * arrives as a {@link ConnectionRefusedException} in errorReceived; the endpoint stays open.
     */
    @Test
    void icmpUnreachableGoesToErrorReceived() throws Exception {
        InetSocketAddress dead;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            dead = (InetSocketAddress) probe.getLocalAddress();
        }
        InetSocketAddress target = dead;
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> c = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), DatagramOptions.remote(target));
            for (int i = 0; i < 100 && c.protocol().errors.isEmpty(); i++) {
                c.transport().sendto(bytes("ping"));
                AsyncIO.sleep(0.01);
            }
            assertInstanceOf(ConnectionRefusedException.class, c.protocol().errors.get(0));
            assertTrue(!c.transport().isClosing(), "the endpoint stays open");
            c.transport().close();
            c.protocol().done.await();
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorDatagramTransportTests::test_read_ready (the protocol gets data and sender) */
    @Test
    void datagramReceivedGetsDataAndSender() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            run(f, () -> {
                DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                        () -> new NetTesting.DatagramProbe(loop), DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
                peer.send(ByteBuffer.wrap(bytes("data")), (InetSocketAddress) e.transport().getExtraInfo(Transport.SOCKNAME));
                until(() -> e.protocol().nbytes == 4);
                assertEquals("data", text(e.protocol().datagrams.get(0)));
                assertEquals(peer.getLocalAddress(), e.protocol().senders.get(0));
                assertNull(e.transport().getExtraInfo(Transport.PEERNAME));
                e.transport().close();
                return null;
            });
        }
    }

    /**
     * Lib/test/test_asyncio/test_selector_events.py::SelectorDatagramTransportTests::test_fatal_error_connected_custom_error
     * (here: what datagramReceived throws is reported, and the endpoint goes on receiving)
     */
    @Test
    void datagramReceivedFailureIsReportedAndTheEndpointStays() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            run(f, () -> {
                int[] calls = {0};
                DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                        () -> new NetTesting.DatagramProbe(loop) {
                            @Override
                            public void datagramReceived(ByteBuffer data, java.net.SocketAddress address) {
                                if (calls[0]++ == 0) {
                                    throw new IllegalStateException("first datagram rejected");
                                }
                                super.datagramReceived(data, address);
                            }
                        }, DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
                var to = (InetSocketAddress) e.transport().getExtraInfo(Transport.SOCKNAME);
                peer.send(ByteBuffer.wrap(bytes("one")), to);
                until(() -> calls[0] == 1);
                peer.send(ByteBuffer.wrap(bytes("two")), to);
                until(() -> e.protocol().nbytes == 3);
                assertTrue(!e.transport().isClosing());
                e.transport().close();
                return null;
            });
        }
        assertEquals(1, f.errors.size());
        assertTrue(f.errors.get(0).message().startsWith("Exception in callback"), f.errors.get(0).message());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorDatagramTransportTests::test_sendto (flow control defaults) */
    @Test
    void sendtoSendsAtOnceAndHasFlowControl() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            run(f, () -> {
                DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                        () -> new NetTesting.DatagramProbe(loop), DatagramOptions.remote((InetSocketAddress) peer.getLocalAddress()));
                ByteBuffer data = ByteBuffer.wrap(bytes("data"));
                e.transport().sendto(data);
                assertTrue(!data.hasRemaining(), "sendto consumes its argument");
                assertEquals(0, e.transport().getWriteBufferSize());
                assertEquals(WriteBufferLimits.DEFAULT, e.transport().getWriteBufferLimits());
                e.transport().setWriteBufferLimits(100, null);
                assertEquals(new WriteBufferLimits(25, 100), e.transport().getWriteBufferLimits());
                ByteBuffer got = ByteBuffer.allocate(16);
                peer.configureBlocking(false);
                until(() -> {
                    try {
                        return peer.receive(got) != null;
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
                assertEquals("data", text(java.util.Arrays.copyOf(got.array(), got.position())));
                e.transport().abort();
                e.protocol().done.await();
                return null;
            });
        }
    }

    /** Socket options asked for are set on the endpoint's socket. */
    @Test
    void broadcastOptionIsSet() {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop),
                    DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)).withAllowBroadcast(true));
            assertTrue(((DatagramChannel) e.transport().getExtraInfo(Transport.SOCKET))
                    .getOption(StandardSocketOptions.SO_BROADCAST));
            e.transport().close();
            return null;
        });
    }
}
