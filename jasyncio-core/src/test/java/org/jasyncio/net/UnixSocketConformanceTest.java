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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Server;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path-bound Unix domain stream sockets on every readiness backend: ports of
 * {@code Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests},
 * the Unix connection and server tests of {@code Lib/test/test_asyncio/test_events.py}
 * and {@code Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests} (written with
 * protocols: streams are another module), plus what jasyncio adds (a live server's path
 * is never taken; peer credentials).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class UnixSocketConformanceTest extends BackendLoopTest {
    /** Where the socket files go (JUnit removes it); short, as sun_path holds 108 bytes. */
    @TempDir
    Path dir;

    Path path() {
        return dir.resolve("s.sock");
    }

    /** A server-side protocol that records its transport. */
    static final class Held implements Protocol {
        Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }
    }

    @Test
    void supportedOnEveryReadinessBackend() {
        assertTrue(loop.supports(Capability.UNIX_SOCKETS), () -> loop.whyNot(Capability.UNIX_SOCKETS).orElse(""));
        assertTrue(loop.whyNot(Capability.UNIX_SOCKETS).isEmpty());
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_existing_path_sock */
    @Test
    void staleSocketFileIsReplaced() throws IOException {
        Path path = path();
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "closing a bound socket leaves its file behind");
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, path);
            srv.close();
            srv.waitClosed();
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_pathlike */
    @Test
    void serverOnPath() {
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, path());
            assertTrue(srv.isServing());
            assertEquals(1, srv.sockets().size());
            assertEquals(UnixDomainSocketAddress.of(path()), srv.sockets().get(0).getLocalAddress());
            srv.close();
            srv.waitClosed();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_connection_pathlike */
    @Test
    void connectionToMissingPath() {
        NetworkException e = assertThrows(NetworkException.class,
                () -> run(f, () -> loop.createUnixConnection(Held::new, path())));
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
        assertEquals(0, ((org.jasyncio.internal.core.SelectorLoop) loop).network().io().liveChannels());
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_existing_path_nonsock */
    @Test
    void regularFileInTheWay() throws IOException {
        Files.createFile(path());
        AddressInUseException e = assertThrows(AddressInUseException.class,
                () -> run(f, () -> loop.createUnixServer(Held::new, path())));
        assertTrue(e.getMessage().matches("(?s)Address.*is already in use.*"), e.getMessage());
        assertTrue(Files.isRegularFile(path()), "the file is left alone");
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_nopath_nosock */
    @Test
    void serverWithoutPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(f, () -> loop.createUnixServer(Held::new, (Path) null)));
        assertTrue(e.getMessage().contains("path was not specified, and no sock"), e.getMessage());
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_path_inetsock */
    @Test
    void serverOnInetSocketRefused() throws IOException {
        try (ServerSocketChannel inet = ServerSocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(f, () -> loop.createUnixServer(Held::new, inet, UnixServerOptions.DEFAULTS)));
            assertTrue(e.getMessage().matches("(?s)A UNIX Domain Stream.*was expected.*"), e.getMessage());
            inet.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThrows(IllegalArgumentException.class,
                    () -> run(f, () -> loop.createUnixServer(Held::new, inet, UnixServerOptions.DEFAULTS)));
        }
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_path_stream_bittype */
    @Test
    void serverOnBoundNonBlockingSocket() throws IOException {
        ServerSocketChannel sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        sock.configureBlocking(false);
        sock.bind(UnixDomainSocketAddress.of(path()));
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, sock, UnixServerOptions.DEFAULTS);
            assertSame(sock, srv.sockets().get(0));
            srv.close();
            srv.waitClosed();
            return null;
        });
        assertFalse(sock.isOpen(), "the server owned the socket and closed it");
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_connection_path_inetsock */
    @Test
    void connectionOnInetSocketRefused() throws IOException {
        try (SocketChannel inet = SocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(f, () -> loop.createUnixConnection(Held::new, inet)));
            assertTrue(e.getMessage().matches("(?s)A UNIX Domain Stream.*was expected.*"), e.getMessage());
            assertTrue(inet.isOpen(), "a refused socket is not consumed");
        }
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_connection_nopath_nosock */
    @Test
    void connectionWithoutPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(f, () -> loop.createUnixConnection(Held::new, (Path) null)));
        assertTrue(e.getMessage().contains("no path and sock were specified"), e.getMessage());
    }

    /** jasyncio (asyncio: OSError from the transport): an unconnected AF_UNIX socket is refused with what to do, and not consumed. */
    @Test
    void unconnectedSocketRefused() throws IOException {
        try (SocketChannel sock = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(f, () -> loop.createUnixConnection(Held::new, sock)));
            assertTrue(e.getMessage().contains("must be connected") && e.getMessage().contains("createUnixConnection"),
                    e.getMessage());
            assertTrue(sock.isOpen());
        }
    }

    /** jasyncio (asyncio: OSError "AF_UNIX path too long"): a path over sun_path's size is refused, saying the bound and the way out. */
    @Test
    void pathTooLongExplained() {
        Path longPath = dir.resolve("x".repeat(120));
        NetworkException server = assertThrows(NetworkException.class,
                () -> run(f, () -> loop.createUnixServer(Held::new, longPath)));
        assertTrue(server.getMessage().contains("at most 107 bytes"), server.getMessage());
        NetworkException client = assertThrows(NetworkException.class,
                () -> run(f, () -> loop.createUnixConnection(Held::new, longPath)));
        assertTrue(client.getMessage().contains("at most 107 bytes"), client.getMessage());
        assertFalse(Files.exists(longPath));
        assertEquals(0, ((org.jasyncio.internal.core.SelectorLoop) loop).network().io().liveChannels());
    }

    /** Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopUnixSocketTests::test_create_unix_server_bind_error */
    @Test
    void bindErrorClosesTheSocket() {
        Path nowhere = dir.resolve("missing-dir").resolve("s.sock");
        NetworkException e = assertThrows(NetworkException.class,
                () -> run(f, () -> loop.createUnixServer(Held::new, nowhere)));
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
        assertEquals(0, ((org.jasyncio.internal.core.SelectorLoop) loop).network().io().liveChannels());
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_unix_connection */
    @Test
    void createUnixConnection() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(path()));
            Thread server = Thread.ofPlatform().daemon().start(() -> {
                try (SocketChannel c = listener.accept()) {
                    NetTesting.readExactly(c, 4);
                    c.write(ByteBuffer.wrap(bytes("HTTP/1.0 200 OK\r\n\r\nTest message")));
                } catch (IOException ignored) {
                    // the test fails on the client side
                }
            });
            run(f, () -> {
                NetTesting.RecordingProtocol[] made = new NetTesting.RecordingProtocol[1];
                Connection<NetTesting.RecordingProtocol> c = loop.createUnixConnection(
                        () -> made[0] = new NetTesting.RecordingProtocol(loop), path());
                assertInstanceOf(Transport.class, c.transport());
                assertSame(made[0], c.protocol());
                assertSame(c.transport(), c.protocol().transport);
                assertNotNull(c.transport().getExtraInfo("sockname"));
                assertEquals(UnixDomainSocketAddress.of(path()), c.transport().getExtraInfo("peername"));
                c.protocol().done.await();
                assertTrue(c.protocol().nbytes > 0);
                c.transport().close();
                return null;
            });
            NetTesting.joinQuietly(server);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_unix_server */
    @Test
    void createUnixServer() throws Exception {
        run(f, () -> {
            NetTesting.RecordingProtocol proto = new NetTesting.RecordingProtocol(loop, null);
            Server server = loop.createUnixServer(() -> proto, path());
            assertEquals(1, server.sockets().size());
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path()))) {
                client.write(ByteBuffer.wrap(bytes("xxx")));
                proto.connected.await();
                assertEquals("CONNECTED", proto.state);
                until(() -> proto.nbytes > 0);
                assertEquals(3, proto.nbytes);
                proto.transport.close();
                proto.done.await();
                assertEquals("CLOSED", proto.state);
            }
            server.close();
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_addr_cleanup */
    @Test
    void fileRemovedOnClose() {
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, path());
            assertTrue(Files.exists(path()));
            srv.close();
            assertFalse(Files.exists(path()));
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_sock_cleanup */
    @Test
    void fileOfGivenSocketRemovedOnClose() throws IOException {
        ServerSocketChannel sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        sock.bind(UnixDomainSocketAddress.of(path()));
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, sock, UnixServerOptions.DEFAULTS);
            srv.close();
            assertFalse(Files.exists(path()));
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_cleanup_gone */
    @Test
    void fileAlreadyGone() throws IOException {
        ServerSocketChannel sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        sock.bind(UnixDomainSocketAddress.of(path()));
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, sock, UnixServerOptions.DEFAULTS);
            Files.delete(path());
            srv.close();
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_cleanup_replaced */
    @Test
    void replacedFileIsKept() throws IOException {
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            run(f, () -> {
                Server srv = loop.createUnixServer(Held::new, path());
                Files.delete(path());
                other.bind(UnixDomainSocketAddress.of(path()));
                srv.close();
                assertTrue(Files.exists(path()), "someone else's socket file is not ours to remove");
                return null;
            });
        }
    }

    /** Lib/test/test_asyncio/test_server.py::UnixServerCleanupTests::test_unix_server_cleanup_prevented */
    @Test
    void cleanupDisabled() {
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, path(), UnixServerOptions.DEFAULTS.withCleanupSocket(false));
            srv.close();
            assertTrue(Files.exists(path()));
            return null;
        });
    }

    /** jasyncio: closing the loop closes its servers, and their socket files go with them. */
    @Test
    void fileRemovedWhenTheLoopCloses() {
        run(f, () -> loop.createUnixServer(Held::new, path()));
        assertTrue(Files.exists(path()));
        loop.close();
        assertFalse(Files.exists(path()));
    }

    /** jasyncio: a live server's path is never taken (asyncio would unlink it and steal its clients). */
    @Test
    void liveServerPathIsRefused() throws IOException {
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(path()));
            AddressInUseException e = assertThrows(AddressInUseException.class,
                    () -> run(f, () -> loop.createUnixServer(Held::new, path())));
            assertTrue(e.getMessage().contains("a server is listening"), e.getMessage());
            assertTrue(Files.exists(path()));
            try (SocketChannel probe = live.accept(); SocketChannel client =
                    SocketChannel.open(UnixDomainSocketAddress.of(path()))) {
                assertNotNull(probe, "the probe connection");
                assertNotNull(live.accept(), "the live server still gets its clients");
            }
        }
    }

    /** jasyncio: a live server made by another loop keeps its path, and loop-to-loop traffic flows. */
    @Test
    void echoBetweenServerAndConnection() {
        run(f, () -> {
            Server srv = loop.createUnixServer(NetTesting.Echo::new, path());
            AddressInUseException e = assertThrows(AddressInUseException.class,
                    () -> loop.createUnixServer(Held::new, path()));
            assertNotNull(e);
            Connection<NetTesting.Probe> c = loop.createUnixConnection(() -> new NetTesting.Probe(loop), path());
            c.transport().write(bytes("ping"));
            until(() -> c.protocol().text().equals("ping"));
            c.transport().close();
            c.protocol().lost.await();
            srv.close();
            srv.waitClosed();
            return null;
        });
        f.assertNoErrors();
    }

    /** jasyncio: startServing=false binds (the kernel queues) but accepts only once serving starts. */
    @Test
    void startServingLater() {
        run(f, () -> {
            int[] made = {0};
            Server srv = loop.createUnixServer(() -> {
                made[0]++;
                return new Held();
            }, path(), UnixServerOptions.DEFAULTS.withStartServing(false));
            assertFalse(srv.isServing());
            Connection<NetTesting.Probe> c = loop.createUnixConnection(() -> new NetTesting.Probe(loop), path());
            for (int i = 0; i < 5; i++) {
                org.jasyncio.AsyncIO.sleep(0);
            }
            assertEquals(0, made[0]);
            srv.startServing();
            until(() -> made[0] == 1);
            c.transport().close();
            srv.close();
            return null;
        });
    }

    /** jasyncio: the peer's pid, uid and gid as {@code getExtraInfo("peercred")}, on both ends. */
    @Test
    void peerCredentials() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.jasyncio.internal.ffm.Native.isAvailable(),
                "peer credentials need the FFM bindings");
        long uid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(dir, "unix:gid")).longValue();
        PeerCredentials me = new PeerCredentials((int) ProcessHandle.current().pid(), uid, gid);
        run(f, () -> {
            Held[] server = new Held[1];
            Server srv = loop.createUnixServer(() -> server[0] = new Held(), path());
            Connection<NetTesting.Probe> c = loop.createUnixConnection(() -> new NetTesting.Probe(loop), path());
            until(() -> server[0] != null && server[0].transport != null);
            assertEquals(me, c.transport().getExtraInfo(PeerCredentials.EXTRA_INFO));
            assertEquals(me, server[0].transport.getExtraInfo("peercred"));
            assertEquals(UnixDomainSocketAddress.of(path()), server[0].transport.getExtraInfo("sockname"));
            c.transport().close();
            srv.close();
            return null;
        });
    }

    // ================================================================== abstract namespace (Linux)

    private static AbstractUnixAddress uniqueName() {
        return AbstractUnixAddress.of("jasyncio-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    private void assumeAbstractNames() {
        org.junit.jupiter.api.Assumptions.assumeTrue(loop.supports(Capability.UNIX_ABSTRACT_NAMES),
                () -> loop.whyNot(Capability.UNIX_ABSTRACT_NAMES).orElse(""));
    }

    /** jasyncio: abstract names are served on every backend wherever the platform has them (Linux). */
    @Test
    void abstractNamesAnsweredByPlatform() {
        boolean linux = System.getProperty("os.name").startsWith("Linux");
        assertEquals(linux && org.jasyncio.internal.ffm.Native.isAvailable(),
                loop.supports(Capability.UNIX_ABSTRACT_NAMES), () -> loop.whyNot(Capability.UNIX_ABSTRACT_NAMES)
                        .orElse(""));
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_unix_server, on an abstract name (asyncio: a path starting with NUL). */
    @Test
    void abstractServerAndConnection() {
        assumeAbstractNames();
        AbstractUnixAddress name = uniqueName();
        run(f, () -> {
            Held[] server = new Held[1];
            Server srv = loop.createUnixServer(() -> {
                Held h = new Held();
                server[0] = h;
                return new NetTesting.Echo() {
                    @Override
                    public void connectionMade(Transport t) {
                        super.connectionMade(t);
                        h.transport = t;
                    }
                };
            }, name, UnixServerOptions.DEFAULTS);
            Connection<NetTesting.Probe> c = loop.createUnixConnection(() -> new NetTesting.Probe(loop), name);
            assertEquals(name, c.transport().getExtraInfo("peername"));
            c.transport().write(bytes("abstract"));
            until(() -> c.protocol().text().equals("abstract"));
            assertInstanceOf(PeerCredentials.class, c.transport().getExtraInfo("peercred"));
            assertEquals((int) ProcessHandle.current().pid(),
                    ((PeerCredentials) server[0].transport.getExtraInfo("peercred")).pid());
            c.transport().close();
            c.protocol().lost.await();
            srv.close();
            srv.waitClosed();
            // The name is free again once the server closed.
            Server again = loop.createUnixServer(Held::new, name, UnixServerOptions.DEFAULTS);
            again.close();
            return null;
        });
        f.assertNoErrors();
    }

    /** jasyncio: an abstract name taken by a live socket is refused, as a path would be. */
    @Test
    void abstractNameInUse() {
        assumeAbstractNames();
        AbstractUnixAddress name = uniqueName();
        run(f, () -> {
            Server srv = loop.createUnixServer(Held::new, name, UnixServerOptions.DEFAULTS);
            AddressInUseException e = assertThrows(AddressInUseException.class,
                    () -> loop.createUnixServer(Held::new, name, UnixServerOptions.DEFAULTS));
            assertTrue(e.getMessage().contains(name.toString()), e.getMessage());
            srv.close();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_create_connection_refused, on an abstract name nobody binds. */
    @Test
    void abstractConnectionRefused() {
        assumeAbstractNames();
        assertThrows(ConnectionRefusedException.class,
                () -> run(f, () -> loop.createUnixConnection(Held::new, uniqueName())));
        assertEquals(0, ((org.jasyncio.internal.core.SelectorLoop) loop).network().io().liveChannels());
    }
}
