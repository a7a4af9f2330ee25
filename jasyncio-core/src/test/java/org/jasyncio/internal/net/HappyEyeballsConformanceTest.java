package org.jasyncio.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.internal.core.SelectorLoop;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.net.AddressFamily;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.ConnectionOptions;
import org.jasyncio.net.ConnectionRefusedException;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.NetworkExceptionGroup;
import org.jasyncio.net.SocketKind;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Happy Eyeballs (RFC 8305) and the address loop of {@code create_connection}, on every
 * readiness backend, driven below name resolution so the address list is the test's:
 * asyncio's {@code base_events._interleave_addrinfos}, {@code _connect_sock} and the error
 * combination of {@code create_connection} (CPython covers these with mocks in
 * {@code Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_connection_multiple_errors}).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class HappyEyeballsConformanceTest {
    @Parameter
    Backend backend;

    LoopFixture f;
    Connector connector;
    NetworkOps network;
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void open() {
        SelectorLoop loop = (SelectorLoop) SelectorEventLoop.open(backend);
        f = new LoopFixture(loop);
        network = loop.network();
        connector = network.connector();
    }

    @AfterEach
    void close() throws Exception {
        f.close();
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private static AddressInfo info(InetSocketAddress a) {
        return new AddressInfo(AddressFamily.of(a.getAddress()), SocketKind.STREAM, 6, "", a);
    }

    private InetSocketAddress listening() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        cleanup.add(s);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        return (InetSocketAddress) s.getLocalAddress();
    }

    private static InetSocketAddress dead() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return (InetSocketAddress) s.getLocalAddress();
        }
    }

    /**
     * A listener whose accept queue is full: the kernel drops further SYNs, so a connect to
     * it hangs (until the SYN retries give up, far longer than a test).
     */
    private InetSocketAddress blackhole() throws Exception {
        ServerSocketChannel s = ServerSocketChannel.open();
        cleanup.add(s);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        InetSocketAddress a = (InetSocketAddress) s.getLocalAddress();
        for (int i = 0; i < 4; i++) {
            SocketChannel c = SocketChannel.open();
            cleanup.add(c);
            c.configureBlocking(false);
            c.connect(a);
        }
        SocketChannel probe = SocketChannel.open();
        cleanup.add(probe);
        probe.configureBlocking(false);
        probe.connect(a);
        Thread.sleep(200);
        boolean hangs;
        try {
            hangs = !probe.finishConnect();
        } catch (IOException e) {
            hangs = false;
        }
        assumeTrue(hangs, "this kernel completes connects to a full accept queue; no blackhole to test with");
        return a;
    }

    private SocketChannel connectAny(List<InetSocketAddress> targets, ConnectionOptions options) {
        List<AddressInfo> infos = targets.stream().map(HappyEyeballsConformanceTest::info).toList();
        return f.loop.runUntilComplete(() -> connector.connectAny(infos, null, options));
    }

    /** Without Happy Eyeballs the addresses are tried in order; a refused one is skipped. */
    @Test
    void sequentialSkipsARefusedAddress() throws Exception {
        InetSocketAddress good = listening();
        try (SocketChannel s = connectAny(List.of(dead(), good), ConnectionOptions.DEFAULTS)) {
            assertEquals(good, s.getRemoteAddress());
        }
    }

    /** With Happy Eyeballs a hanging first address does not delay the connection past the attempt delay. */
    @Test
    void happyEyeballsDoesNotWaitForAHangingAddress() throws Exception {
        InetSocketAddress hole = blackhole();
        InetSocketAddress good = listening();
        try (SocketChannel s = connectAny(List.of(hole, good),
                ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(Duration.ofMillis(50)))) {
            assertEquals(good, s.getRemoteAddress());
        }
    }

    /** A failure starts the next attempt at once, not after the delay. */
    @Test
    void failureStartsTheNextAttemptAtOnce() throws Exception {
        InetSocketAddress good = listening();
        long start = System.nanoTime();
        try (SocketChannel s = connectAny(List.of(dead(), good),
                ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(Duration.ofSeconds(30)))) {
            assertEquals(good, s.getRemoteAddress());
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "did not wait for the 30 s delay");
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_create_connection_multiple_errors */
    @Test
    void differentErrorsAreCombined() throws Exception {
        InetSocketAddress a = dead();
        InetSocketAddress b = dead();
        NetworkException e = assertThrows(NetworkException.class,
                () -> connectAny(List.of(a, b), ConnectionOptions.DEFAULTS));
        assertTrue(e.getMessage().startsWith("Multiple exceptions: "), e.getMessage());
        assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(b.toString()), e.getMessage());
        assertEquals(2, e.getSuppressed().length);
    }

    /** create_connection(all_errors=True): every error in a group, in attempt order. */
    @Test
    void allErrorsGivesAGroup() throws Exception {
        InetSocketAddress a = dead();
        InetSocketAddress b = dead();
        NetworkExceptionGroup g = assertThrows(NetworkExceptionGroup.class, () -> connectAny(List.of(a, b),
                ConnectionOptions.DEFAULTS.withAllErrors(true).withHappyEyeballsDelay(Duration.ofMillis(10))));
        assertEquals(2, g.exceptions().size());
        assertInstanceOf(ConnectionRefusedException.class, g.exceptions().get(0));
        assertTrue(g.exceptions().get(0).getMessage().contains(a.toString()));
        assertTrue(g.exceptions().get(1).getMessage().contains(b.toString()));
    }

    /** A single failure is thrown as it is. */
    @Test
    void singleErrorIsThrownAsIs() throws Exception {
        InetSocketAddress a = dead();
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                () -> connectAny(List.of(a), ConnectionOptions.DEFAULTS));
        assertTrue(e.getMessage().startsWith("Connect call failed " + a), e.getMessage());
    }

    /** Identical messages: the first error is thrown (asyncio compares str(exc)). */
    @Test
    void identicalErrorsGiveTheFirst() {
        NetworkException one = new NetworkException("same");
        NetworkException two = new NetworkException("same");
        assertSame(one, Connector.combine(List.of(List.of(one), List.of(two)), false));
    }

    /** asyncio's _interleave_addrinfos, with a first-family count of 1 and 2. */
    @Test
    void interleave() {
        AddressInfo v6a = info(new InetSocketAddress("::1", 1));
        AddressInfo v6b = info(new InetSocketAddress("::1", 2));
        AddressInfo v4a = info(new InetSocketAddress("127.0.0.1", 1));
        AddressInfo v4b = info(new InetSocketAddress("127.0.0.1", 2));
        AddressInfo v4c = info(new InetSocketAddress("127.0.0.1", 3));
        List<AddressInfo> in = List.of(v6a, v6b, v4a, v4b, v4c);
        assertEquals(List.of(v6a, v4a, v6b, v4b, v4c), Connector.interleave(in, 1));
        assertEquals(List.of(v6a, v6b, v4a, v4b, v4c), Connector.interleave(in, 2));
        assertEquals(List.of(v4a, v6a, v4b, v6b, v4c), Connector.interleave(List.of(v4a, v4b, v4c, v6a, v6b), 1));
        assertEquals(1, ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(Duration.ofMillis(250)).effectiveInterleave());
        assertEquals(0, ConnectionOptions.DEFAULTS.effectiveInterleave());
    }

    /** Cancelling a connect stops the wait: nothing is left watched for the abandoned sockets. */
    @Test
    void cancellingTheRaceLeavesNothingWatched() throws Exception {
        InetSocketAddress hole = blackhole();
        List<AddressInfo> infos = List.of(info(hole), info(hole));
        f.loop.runUntilComplete(org.jasyncio.task.Coroutine.of(() -> {
            var t = f.loop.createTask(() -> connector.connectAny(infos, null,
                    ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(Duration.ofMillis(5))));
            AsyncIO.sleep(0.05);
            assertEquals(2, network.sockOps().waitingChannels(), "both attempts wait for their connect");
            t.cancel();
            assertThrows(org.jasyncio.task.CancelledException.class, t::await);
            for (int i = 0; i < 5; i++) {
                AsyncIO.sleep(0);
            }
            assertEquals(0, network.sockOps().waitingChannels());
        }));
        f.assertNoErrors();
    }
}
