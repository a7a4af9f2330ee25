package org.jasyncio.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jasyncio.loop.Backend;
import org.jasyncio.testing.Fds;
import org.jasyncio.testing.Later;
import org.jasyncio.testing.SocketPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link ReadinessBackend} contract, the seam transports are built on, against every
 * readiness backend available here: registration rules, interest changes, hang-up and
 * error reporting, closed channels, wake-up, many registrations.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class ReadinessBackendConformanceTest {
    private static final long POLL_STEP = 20_000_000L;

    @Parameter
    Backend backend;

    private ReadinessBackend readiness;
    private final Fds fds = new Fds();

    @BeforeEach
    void open() {
        readiness = BackendFactory.openReadiness(backend);
    }

    @AfterEach
    void close() {
        readiness.close();
        fds.close();
    }

    /** Polls until {@code events} has something or about 5 seconds passed. */
    private void pollUntil(List<Integer> events) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (events.isEmpty() && System.nanoTime() < deadline) {
            readiness.poll(POLL_STEP);
        }
    }

    @Test
    void nameAndRawDescriptorsMatchTheEnum() {
        assertEquals(backend.id(), readiness.name());
        assertEquals(backend != Backend.NIO, readiness.watchesRawDescriptors());
        assertEquals(BackendFactory.watchesRawDescriptors(backend), readiness.watchesRawDescriptors());
    }

    @Test
    void readinessIsReportedMaskedByTheInterest() {
        try (SocketPair pair = new SocketPair()) {
            List<Integer> events = new ArrayList<>();
            ReadinessBackend.Registration r = readiness.register(Pollable.of(pair.left), ReadinessBackend.READ,
                    events::add);
            assertEquals(ReadinessBackend.READ, r.interest());
            readiness.poll(0);
            assertEquals(List.of(), events, "nothing to read yet, and WRITE is not wanted");
            SocketPair.send(pair.right, "x");
            pollUntil(events);
            assertEquals(List.of(ReadinessBackend.READ), events);
            events.clear();
            r.interest(ReadinessBackend.READ | ReadinessBackend.WRITE);
            readiness.poll(0);
            assertEquals(List.of(ReadinessBackend.READ | ReadinessBackend.WRITE), events);
            events.clear();
            r.interest(ReadinessBackend.WRITE);
            readiness.poll(0);
            assertEquals(List.of(ReadinessBackend.WRITE), events);
            r.cancel();
            assertFalse(r.isValid());
        }
    }

    @Test
    void levelTriggeredReadinessRepeatsUntilConsumed() {
        try (SocketPair pair = new SocketPair()) {
            List<Integer> events = new ArrayList<>();
            readiness.register(Pollable.of(pair.left), ReadinessBackend.READ, events::add);
            SocketPair.send(pair.right, "x");
            pollUntil(events);
            readiness.poll(0);
            assertEquals(2, events.size(), "still readable: reported again");
            SocketPair.receive(pair.left);
            events.clear();
            readiness.poll(0);
            assertEquals(List.of(), events);
        }
    }

    @Test
    void hangUpIsReportedToEveryRegisteredInterestButNotToASilentRegistration() throws IOException {
        try (SocketPair pair = new SocketPair()) {
            List<Integer> events = new ArrayList<>();
            ReadinessBackend.Registration r = readiness.register(Pollable.of(pair.left), 0, events::add);
            pair.right.close();
            readiness.poll(POLL_STEP);
            readiness.poll(0);
            assertEquals(List.of(), events, "interest 0 hears nothing, not even a hang-up");
            r.interest(ReadinessBackend.READ);
            pollUntil(events);
            assertEquals(List.of(ReadinessBackend.READ), events);
            assertEquals(null, SocketPair.receive(pair.left), "the reader meets end of stream");
        }
    }

    @Test
    void aSourceIsRegisteredOnceAndAgainAfterCancel() {
        try (SocketPair pair = new SocketPair()) {
            List<Integer> events = new ArrayList<>();
            ReadinessBackend.Registration r = readiness.register(Pollable.of(pair.left), ReadinessBackend.WRITE,
                    events::add);
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                    () -> readiness.register(Pollable.of(pair.left), ReadinessBackend.READ, events::add));
            assertTrue(twice.getMessage().contains("already registered"), twice.getMessage());
            r.cancel();
            r.cancel();
            assertFalse(r.isValid());
            assertThrows(IllegalStateException.class, () -> r.interest(ReadinessBackend.READ));
            ReadinessBackend.Registration again = readiness.register(Pollable.of(pair.left), ReadinessBackend.WRITE,
                    events::add);
            pollUntil(events);
            assertEquals(List.of(ReadinessBackend.WRITE), events, "reported once, to the new registration");
            again.cancel();
        }
    }

    @Test
    void aCancelledRegistrationHearsNothingEvenWithinTheSameBatch() {
        try (SocketPair a = new SocketPair(); SocketPair b = new SocketPair()) {
            List<String> heard = new ArrayList<>();
            ReadinessBackend.Registration[] rb = new ReadinessBackend.Registration[1];
            ReadinessBackend.Registration[] ra = new ReadinessBackend.Registration[1];
            ra[0] = readiness.register(Pollable.of(a.left), ReadinessBackend.WRITE, ops -> {
                heard.add("a");
                rb[0].cancel();
            });
            rb[0] = readiness.register(Pollable.of(b.left), ReadinessBackend.WRITE, ops -> {
                heard.add("b");
                ra[0].cancel();
            });
            readiness.poll(POLL_STEP);
            assertEquals(1, heard.size(), "whichever ran first cancelled the other: " + heard);
        }
    }

    @Test
    void invalidInterestAndClosedChannelsAreRefused() throws IOException {
        try (SocketPair pair = new SocketPair()) {
            assertThrows(IllegalArgumentException.class, () -> readiness.register(Pollable.of(pair.left), 16, ops -> { }));
            ReadinessBackend.Registration r = readiness.register(Pollable.of(pair.left), 0, ops -> { });
            assertThrows(IllegalArgumentException.class, () -> r.interest(ReadinessBackend.READ | 2));
            assertEquals(0, r.interest());
        }
        SocketChannel closed = SocketChannel.open();
        closed.close();
        assertThrows(IllegalStateException.class, () -> readiness.register(Pollable.of(closed), 0, ops -> { }));
    }

    @Test
    void closingAWatchedChannelInvalidatesItsRegistrationAndFreesTheNumber() throws IOException {
        SocketPair first = new SocketPair();
        List<Integer> events = new ArrayList<>();
        ReadinessBackend.Registration r = readiness.register(Pollable.of(first.left), ReadinessBackend.READ,
                events::add);
        first.close();
        readiness.poll(0);
        assertFalse(r.isValid(), "a closed channel's registration is no longer valid");
        r.cancel();
        try (SocketPair second = new SocketPair()) {
            List<Integer> secondEvents = new ArrayList<>();
            readiness.register(Pollable.of(second.left), ReadinessBackend.READ, secondEvents::add);
            SocketPair.send(second.right, "x");
            pollUntil(secondEvents);
            assertEquals(List.of(ReadinessBackend.READ), secondEvents);
            assertEquals(List.of(), events);
        }
    }

    @Test
    void aChannelClosedWithoutCancelDoesNotBlockItsReusedNumber() throws IOException {
        assumeTrue(readiness.watchesRawDescriptors(), "raw descriptors show the number reuse");
        int[] pipe = fds.pipe();
        SocketPair first = new SocketPair();
        readiness.register(Pollable.of(first.left), ReadinessBackend.READ, ops -> { });
        int number = org.jasyncio.internal.fd.ChannelDescriptors.fdOf(first.left, backend.id());
        first.close();
        // The lowest free number is reused by the next descriptor the process opens.
        int reused = fds.dupAtLeast(pipe[0], number);
        assumeTrue(reused == number, "the kernel gave another number (" + reused + ")");
        List<Integer> events = new ArrayList<>();
        readiness.register(Pollable.of(reused), ReadinessBackend.READ, events::add);
        Fds.write(pipe[1], "x");
        pollUntil(events);
        assertEquals(List.of(ReadinessBackend.READ), events);
    }

    /**
     * A raw descriptor closed while registered (the owner's mistake) never breaks the
     * wait: epoll forgets it, poll and select report it ready so the owner meets EBADF.
     */
    @Test
    void aRawDescriptorClosedWhileRegisteredDoesNotBreakTheWait() {
        assumeTrue(readiness.watchesRawDescriptors(), "raw descriptors only");
        int[] pipe = fds.pipe();
        int[] other = fds.pipe();
        List<Integer> closedEvents = new ArrayList<>();
        List<Integer> otherEvents = new ArrayList<>();
        ReadinessBackend.Registration closed = readiness.register(Pollable.of(pipe[0]), ReadinessBackend.READ,
                closedEvents::add);
        readiness.register(Pollable.of(other[0]), ReadinessBackend.READ, otherEvents::add);
        fds.close(pipe[0]);
        Fds.write(other[1], "x");
        pollUntil(otherEvents);
        readiness.poll(0);
        assertEquals(ReadinessBackend.READ, otherEvents.getFirst(), "the other descriptor is still watched");
        if (backend == Backend.EPOLL) {
            assertEquals(List.of(), closedEvents, "the kernel removed it from the set");
        } else {
            assertEquals(ReadinessBackend.READ, closedEvents.getFirst(), "reported so its owner meets EBADF");
        }
        closed.cancel();
        readiness.poll(0);
    }

    @Test
    void serverAcceptAndClientConnectAreReadAndWriteReadiness() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open();
                SocketChannel client = SocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<Integer> accepts = new ArrayList<>();
            List<Integer> connects = new ArrayList<>();
            readiness.register(Pollable.of(server), ReadinessBackend.READ, accepts::add);
            client.configureBlocking(false);
            boolean done = client.connect(server.getLocalAddress());
            readiness.register(Pollable.of(client), ReadinessBackend.WRITE, connects::add);
            pollUntil(connects);
            assertEquals(List.of(ReadinessBackend.WRITE), connects);
            assertTrue(done || client.finishConnect());
            pollUntil(accepts);
            assertEquals(ReadinessBackend.READ, accepts.getFirst());
            try (SocketChannel accepted = server.accept()) {
                assertTrue(accepted != null);
            }
        }
    }

    @Test
    void wakeupFromAnotherThreadEndsABlockedPoll() throws Exception {
        Later waker = Later.after(50, readiness::wakeup);
        waker.go();
        readiness.poll(-1);
        waker.join();
        readiness.wakeup();
        readiness.poll(-1);
        readiness.poll(0);
    }

    @Test
    void manyRegistrationsReportExactlyTheReadyOnes() throws IOException {
        int count = backend == Backend.SELECT ? 200 : 1000;
        List<Pipe> pipes = new ArrayList<>();
        Map<Integer, Integer> heard = new HashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                Pipe pipe = Pipe.open();
                pipes.add(pipe);
                int id = i;
                readiness.register(Pollable.of(pipe.source()), ReadinessBackend.READ, ops -> heard.merge(id, 1, Integer::sum));
            }
            int[] chosen = {0, 7, count / 2, count - 1};
            for (int i : chosen) {
                pipes.get(i).sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (heard.size() < chosen.length && System.nanoTime() < deadline) {
                readiness.poll(POLL_STEP);
            }
            assertEquals(java.util.Set.of(0, 7, count / 2, count - 1), heard.keySet());
        } finally {
            for (Pipe pipe : pipes) {
                pipe.source().close();
                pipe.sink().close();
            }
        }
    }

    @Test
    void rawDescriptorsAreCheckedAtRegistration() {
        int[] pipe = fds.pipe();
        if (!readiness.watchesRawDescriptors()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> readiness.register(Pollable.of(pipe[0]), ReadinessBackend.READ, ops -> { }));
            assertTrue(e.getMessage().contains("epoll"), e.getMessage());
            return;
        }
        fds.close(pipe[1]);
        int closedNumber = pipe[1];
        IllegalArgumentException notOpen = assertThrows(IllegalArgumentException.class,
                () -> readiness.register(Pollable.of(closedNumber), ReadinessBackend.READ, ops -> { }));
        assertTrue(notOpen.getMessage().contains("not open"), notOpen.getMessage());
        List<Integer> events = new ArrayList<>();
        readiness.register(Pollable.of(pipe[0]), ReadinessBackend.READ, events::add);
        pollUntil(events);
        assertEquals(List.of(ReadinessBackend.READ), events, "the write end is closed: end of file is readable");
    }

    @Test
    void afterCloseNothingWorksAndCancelIsHarmless() {
        try (SocketPair pair = new SocketPair()) {
            ReadinessBackend.Registration r = readiness.register(Pollable.of(pair.left), ReadinessBackend.READ,
                    ops -> { });
            readiness.close();
            readiness.close();
            r.cancel();
            assertFalse(r.isValid());
            readiness.wakeup();
            assertThrows(RuntimeException.class, () -> readiness.poll(0));
        }
    }
}
