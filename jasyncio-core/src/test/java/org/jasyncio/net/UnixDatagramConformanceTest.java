package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.jasyncio.net.NetTesting.text;
import static org.jasyncio.net.NetTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.transport.DatagramEndpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AF_UNIX datagram endpoints on every readiness backend: supported where the backend
 * watches raw descriptors (epoll, poll, select on Linux), refused with the capability's
 * explanation elsewhere (nio). Ports of the AF_UNIX cases of
 * {@code Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests} and of
 * {@code Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_datagram_endpoint}
 * on AF_UNIX addresses.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class UnixDatagramConformanceTest extends BackendLoopTest {
    /** Where the socket files go (JUnit removes it); short, as sun_path holds 108 bytes. */
    @TempDir
    Path dir;

    private UnixDomainSocketAddress at(String name) {
        return UnixDomainSocketAddress.of(dir.resolve(name));
    }

    private void assumeSupported() {
        Assumptions.assumeTrue(loop.supports(Capability.UNIX_DATAGRAM),
                () -> loop.whyNot(Capability.UNIX_DATAGRAM).orElse(""));
    }

    /** jasyncio: where it is supported, and why not elsewhere, before anything is opened. */
    @Test
    void capabilityMatchesTheBackend() {
        boolean expected = System.getProperty("os.name").startsWith("Linux") && backend != Backend.NIO
                && org.jasyncio.internal.ffm.Native.isAvailable();
        assertEquals(expected, loop.supports(Capability.UNIX_DATAGRAM),
                () -> loop.whyNot(Capability.UNIX_DATAGRAM).orElse(""));
        if (!expected) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> run(f, () -> loop.createUnixDatagramEndpoint(() -> new NetTesting.DatagramProbe(loop),
                            at("a"), null)));
            assertTrue(e.getMessage().contains(loop.whyNot(Capability.UNIX_DATAGRAM).orElseThrow()),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("a")), "nothing was bound");
        }
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_datagram_endpoint_sock_unix */
    @Test
    void unboundEndpoint() {
        assumeSupported();
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), null, null);
            assertInstanceOf(Integer.class, e.transport().getExtraInfo("socket"));
            e.transport().close();
            e.protocol().done.await();
            assertEquals("CLOSED", e.protocol().state);
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_datagram_endpoint_existing_sock_unix */
    @Test
    void staleSocketFileReplaced() {
        assumeSupported();
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> old = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), at("s"), null);
            old.transport().close();
            old.protocol().done.await();
            assertTrue(Files.exists(dir.resolve("s")), "datagram endpoints leave their file, as in asyncio");
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), at("s"), null);
            assertEquals(at("s"), e.transport().getExtraInfo("sockname"));
            e.transport().close();
            e.protocol().done.await();
            return null;
        });
        f.assertNoErrors();
    }

    /** jasyncio: a path a live datagram socket is bound to is refused, not stolen. */
    @Test
    void liveSocketFileRefused() {
        assumeSupported();
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> live = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), at("s"), null);
            assertThrows(AddressInUseException.class, () -> loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), at("s"), null));
            live.transport().close();
            return null;
        });
    }

    private void echo(SocketAddress serverAddress, SocketAddress clientAddress) {
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> server = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop, true), serverAddress, null);
            assertEquals(serverAddress, server.transport().getExtraInfo("sockname"));
            DatagramEndpoint<NetTesting.DatagramProbe> client = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), clientAddress, serverAddress);
            assertEquals(serverAddress, client.transport().getExtraInfo("peername"));
            client.transport().sendto(bytes("xxx"));
            until(() -> server.protocol().nbytes > 0);
            assertEquals(3, server.protocol().nbytes);
            assertEquals(clientAddress, server.protocol().senders.get(0));
            until(() -> client.protocol().nbytes > 0);
            assertEquals("resp:xxx", text(client.protocol().datagrams.get(0)));
            assertEquals(serverAddress, client.protocol().senders.get(0));
            client.transport().close();
            client.protocol().done.await();
            server.transport().close();
            server.protocol().done.await();
            assertEquals("CLOSED", server.protocol().state);
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_datagram_endpoint, on AF_UNIX paths. */
    @Test
    void echoOnPaths() {
        assumeSupported();
        echo(at("server"), at("client"));
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_datagram_endpoint, on abstract names. */
    @Test
    void echoOnAbstractNames() {
        assumeSupported();
        String base = "jasyncio-dgram-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        echo(AbstractUnixAddress.of(base + "-s"), AbstractUnixAddress.of(base + "-c"));
    }

    /** jasyncio: a datagram to nowhere reaches errorReceived and the endpoint stays open (asyncio's error_received). */
    @Test
    void sendToMissingPath() {
        assumeSupported();
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), at("me"), null);
            e.transport().sendto(bytes("lost"), at("nobody"));
            assertEquals(1, e.protocol().errors.size());
            assertInstanceOf(NetworkException.class, e.protocol().errors.get(0));
            assertFalse(e.transport().isClosing());
            assertThrows(IllegalArgumentException.class,
                    () -> e.transport().sendto(bytes("x"), new java.net.InetSocketAddress("127.0.0.1", 9)));
            e.transport().close();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorDatagramTransportTests::test_sendto_tryagain: a full socket queues in order. */
    @Test
    void fullSocketQueuesAndDrains() {
        assumeSupported();
        run(f, () -> {
            DatagramEndpoint<NetTesting.DatagramProbe> receiver = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), at("r"), null);
            // The receiver reads only when this task yields: until then its queue fills up.
            DatagramEndpoint<NetTesting.DatagramProbe> sender = loop.createUnixDatagramEndpoint(
                    () -> new NetTesting.DatagramProbe(loop), null, at("r"));
            byte[] chunk = new byte[1024];
            int sent = 0;
            while (sender.transport().getWriteBufferSize() == 0 && sent < 100_000) {
                chunk[0] = (byte) sent;
                sender.transport().sendto(ByteBuffer.wrap(chunk.clone()), null);
                sent++;
            }
            assertTrue(sender.transport().getWriteBufferSize() > 0, "the receiver's queue filled up");
            for (int i = 0; i < 3; i++) {
                chunk[0] = (byte) sent;
                sender.transport().sendto(ByteBuffer.wrap(chunk.clone()), null);
                sent++;
            }
            int total = sent;
            until(() -> receiver.protocol().datagrams.size() == total);
            for (int i = 0; i < total; i++) {
                assertEquals((byte) i, receiver.protocol().datagrams.get(i)[0], "datagram " + i + " in order");
            }
            until(() -> sender.transport().getWriteBufferSize() == 0);
            sender.transport().close();
            receiver.transport().close();
            return null;
        });
        f.assertNoErrors();
    }
}
