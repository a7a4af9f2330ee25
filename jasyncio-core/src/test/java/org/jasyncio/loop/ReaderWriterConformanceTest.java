package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.jasyncio.internal.fd.ChannelDescriptors;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.testing.Fds;
import org.jasyncio.testing.Later;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.testing.SocketPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code addReader}/{@code addWriter}/{@code removeReader}/{@code removeWriter} on every
 * readiness backend available here: sockets and JDK pipes as channels everywhere; raw
 * socket, pipe and pty descriptors on the FFM backends; regular files refused everywhere.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class ReaderWriterConformanceTest {
    @Parameter
    Backend backend;

    @TempDir
    Path tmp;

    private LoopFixture fixture;
    private EventLoop loop;
    private final Fds fds = new Fds();

    @BeforeEach
    void open() {
        fixture = new LoopFixture(SelectorEventLoop.open(backend));
        loop = fixture.loop;
    }

    @AfterEach
    void close() {
        fixture.close();
        fds.close();
    }

    private boolean rawDescriptors() {
        return loop.supports(Capability.RAW_FILE_DESCRIPTORS);
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_reader_callback */
    @Test
    void readerCallbackReadsUntilEndOfStream() {
        try (SocketPair pair = new SocketPair()) {
            StringBuilder read = new StringBuilder();
            boolean[] eof = {false};
            loop.addReader(pair.left, () -> {
                String data = SocketPair.receive(pair.left);
                if (data == null) {
                    assertTrue(loop.removeReader(pair.left));
                    eof[0] = true;
                } else {
                    read.append(data);
                }
            });
            loop.callSoon(() -> SocketPair.send(pair.right, "abc"));
            fixture.runUntil(() -> read.length() >= 3);
            loop.callSoon(() -> SocketPair.send(pair.right, "def"));
            fixture.runUntil(() -> read.length() >= 6);
            loop.callSoon(() -> closeQuietly(pair.right));
            fixture.runUntil(() -> eof[0]);
            assertEquals("abcdef", read.toString());
            fixture.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_reader_callback, on the socket's raw descriptor. */
    @Test
    void readerCallbackOnARawSocketDescriptor() {
        assumeTrue(rawDescriptors(), backend + " watches channels only");
        try (SocketPair pair = new SocketPair()) {
            int fd = ChannelDescriptors.fdOf(pair.left, backend.id());
            StringBuilder read = new StringBuilder();
            loop.addReader(fd, () -> {
                String data = SocketPair.receive(pair.left);
                if (data != null) {
                    read.append(data);
                }
            });
            SocketPair.send(pair.right, "raw");
            fixture.runUntil(() -> read.length() >= 3);
            assertTrue(loop.removeReader(fd));
            assertFalse(loop.removeReader(fd));
            assertEquals("raw", read.toString());
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_writer_callback */
    @Test
    void writerCallbackWritesOnceWritable() throws IOException {
        try (SocketPair pair = new SocketPair()) {
            String data = "x".repeat(1024);
            loop.addWriter(pair.left, () -> {
                SocketPair.send(pair.left, data);
                loop.stop();
            });
            loop.runForever();
            assertTrue(loop.removeWriter(pair.left));
            assertFalse(loop.removeWriter(pair.left));
            pair.left.close();
            StringBuilder read = new StringBuilder();
            fixture.runUntil(() -> {
                String chunk = SocketPair.receive(pair.right);
                if (chunk != null) {
                    read.append(chunk);
                }
                return chunk == null || read.length() >= data.length();
            });
            assertEquals(data, read.toString());
        }
    }

    /** Lib/test/test_asyncio/test_selector_events.py::BaseSelectorEventLoopTests::test_process_events_read_cancelled */
    @Test
    void cancellingTheReaderHandleRemovesTheReaderAtTheNextReadiness() {
        try (SocketPair pair = new SocketPair()) {
            AtomicInteger calls = new AtomicInteger();
            Handle handle = loop.addReader(pair.left, calls::incrementAndGet);
            handle.cancel();
            SocketPair.send(pair.right, "ready");
            fixture.runBriefly();
            fixture.runBriefly();
            assertEquals(0, calls.get());
            assertFalse(loop.removeReader(pair.left), "the cancelled reader was removed when it became ready");
        }
    }

    /** Lib/test/test_asyncio/test_selector_events.py::BaseSelectorEventLoopTests::test_process_events_write_cancelled */
    @Test
    void cancellingTheWriterHandleRemovesTheWriterAtTheNextReadiness() {
        try (SocketPair pair = new SocketPair()) {
            AtomicInteger calls = new AtomicInteger();
            loop.addWriter(pair.left, calls::incrementAndGet).cancel();
            fixture.runBriefly();
            assertEquals(0, calls.get());
            assertFalse(loop.removeWriter(pair.left));
        }
    }

    /** Lib/test/test_asyncio/test_selector_events.py::BaseSelectorEventLoopTests::test_add_reader_existing */
    @Test
    void addingAReaderAgainReplacesItAndCancelsTheOldHandle() {
        try (SocketPair pair = new SocketPair()) {
            List<String> calls = new ArrayList<>();
            Handle writer = loop.addWriter(pair.left, () -> {
                calls.add("writer");
                loop.removeWriter(pair.left);
            });
            Handle first = loop.addReader(pair.left, () -> calls.add("first"));
            Handle second = loop.addReader(pair.left, () -> {
                calls.add("second");
                SocketPair.receive(pair.left);
            });
            assertTrue(first.cancelled());
            assertFalse(second.cancelled());
            assertFalse(writer.cancelled());
            SocketPair.send(pair.right, "go");
            fixture.runUntil(() -> calls.contains("second") && calls.contains("writer"));
            assertFalse(calls.contains("first"));
            assertTrue(loop.removeReader(pair.left));
            fixture.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_selector_events.py::BaseSelectorEventLoopTests::test_add_writer_existing */
    @Test
    void addingAWriterAgainReplacesItAndKeepsTheReader() {
        try (SocketPair pair = new SocketPair()) {
            Handle reader = loop.addReader(pair.left, () -> { });
            Handle first = loop.addWriter(pair.left, () -> { });
            AtomicInteger second = new AtomicInteger();
            loop.addWriter(pair.left, second::incrementAndGet);
            assertTrue(first.cancelled());
            assertFalse(reader.cancelled());
            fixture.runUntil(() -> second.get() > 0);
            assertTrue(loop.removeWriter(pair.left));
            assertTrue(loop.removeReader(pair.left));
        }
    }

    /**
     * Lib/test/test_asyncio/test_selector_events.py::BaseSelectorEventLoopTests::test_add_reader_existing_writer
     * and ::test_remove_reader_read_write: one registration shared by both sides.
     */
    @Test
    void removingTheReaderKeepsTheWriterOnTheSameSource() {
        try (SocketPair pair = new SocketPair()) {
            AtomicInteger reads = new AtomicInteger();
            AtomicInteger writes = new AtomicInteger();
            loop.addWriter(pair.left, writes::incrementAndGet);
            Handle reader = loop.addReader(pair.left, reads::incrementAndGet);
            assertTrue(loop.removeReader(pair.left));
            assertTrue(reader.cancelled());
            SocketPair.send(pair.right, "ignored");
            int before = writes.get();
            fixture.runUntil(() -> writes.get() > before + 1);
            assertEquals(0, reads.get());
            assertTrue(loop.removeWriter(pair.left));
            assertFalse(loop.removeReader(pair.left));
        }
    }

    /**
     * Lib/test/test_asyncio/test_selector_events.py::BaseSelectorEventLoopTests::test_remove_reader_unknown,
     * ::test_remove_writer_unknown, ::test_remove_writer_read_write
     */
    @Test
    void removingWhatWasNeverAddedReturnsFalse() {
        try (SocketPair pair = new SocketPair()) {
            assertFalse(loop.removeReader(pair.left));
            assertFalse(loop.removeWriter(pair.left));
            loop.addReader(pair.left, () -> { });
            assertFalse(loop.removeWriter(pair.left), "only a reader was installed");
            assertTrue(loop.removeReader(pair.left));
            if (rawDescriptors()) {
                int[] pipe = fds.pipe();
                assertFalse(loop.removeReader(pipe[0]));
                assertFalse(loop.removeWriter(pipe[1]));
            }
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_remove_fds_after_closing */
    @Test
    void removingAfterTheLoopClosedReturnsFalse() {
        try (SocketPair pair = new SocketPair()) {
            Handle reader = loop.addReader(pair.left, () -> { });
            Handle writer = loop.addWriter(pair.right, () -> { });
            loop.close();
            assertTrue(reader.cancelled(), "closing the loop drops its readers");
            assertTrue(writer.cancelled(), "closing the loop drops its writers");
            assertFalse(loop.removeReader(pair.left));
            assertFalse(loop.removeWriter(pair.right));
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_add_fds_after_closing */
    @Test
    void addingAfterTheLoopClosedThrows() {
        try (SocketPair pair = new SocketPair()) {
            loop.close();
            assertThrows(EventLoopClosedException.class, () -> loop.addReader(pair.left, () -> { }));
            assertThrows(EventLoopClosedException.class, () -> loop.addWriter(pair.right, () -> { }));
        }
    }

    /** JDK pipe channels work on every backend: reader on the source, writer on the sink. */
    @Test
    void jdkPipeChannelsOnEveryBackend() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            StringBuilder read = new StringBuilder();
            loop.addReader(source, () -> {
                ByteBuffer buf = ByteBuffer.allocate(64);
                try {
                    int n = source.read(buf);
                    if (n > 0) {
                        read.append(new String(buf.array(), 0, n, java.nio.charset.StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            loop.addWriter(sink, () -> {
                try {
                    sink.write(ByteBuffer.wrap("piped".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                loop.removeWriter(sink);
            });
            fixture.runUntil(() -> read.toString().equals("piped"));
            assertTrue(loop.removeReader(source));
            fixture.assertNoErrors();
        }
    }

    /** A hang-up is reported to the side that watches: the reader of a pipe whose writer closed sees end of file. */
    @Test
    void rawPipeReaderSeesDataThenEndOfFile() {
        assumeTrue(rawDescriptors(), backend + " watches channels only");
        int[] pipe = fds.pipe();
        StringBuilder read = new StringBuilder();
        boolean[] eof = {false};
        loop.addReader(pipe[0], () -> {
            String data = Fds.read(pipe[0]);
            if ("".equals(data)) {
                eof[0] = true;
                loop.removeReader(pipe[0]);
            } else if (data != null) {
                read.append(data);
            }
        });
        Fds.write(pipe[1], "through a pipe");
        fixture.runUntil(() -> read.length() >= 14);
        fds.close(pipe[1]);
        fixture.runUntil(() -> eof[0]);
        assertEquals("through a pipe", read.toString());
        fixture.assertNoErrors();
    }

    /** An error (EPIPE: the read end closed) wakes the writer, whose write then fails. */
    @Test
    void writerOfABrokenPipeIsCalled() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink()) {
            pipe.source().close();
            CountDownLatch called = new CountDownLatch(1);
            List<Class<?>> failures = new ArrayList<>();
            loop.addWriter(sink, () -> {
                called.countDown();
                loop.removeWriter(sink);
                try {
                    sink.write(ByteBuffer.wrap(new byte[] {1}));
                } catch (IOException e) {
                    failures.add(e.getClass());
                }
            });
            fixture.runUntil(() -> called.getCount() == 0);
            assertEquals(1, failures.size(), "writing to a pipe without reader fails");
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_read_pty_output, with addReader on the master. */
    @Test
    void ptyOutputReachesAReaderOnTheMaster() {
        assumeTrue(rawDescriptors(), backend + " watches channels only");
        assertTrue(loop.supports(Capability.ADD_READER_CHARACTER_DEVICE));
        int[] pty = fds.pty();
        assertTrue(Libc.isatty(pty[1]));
        StringBuilder read = new StringBuilder();
        loop.addReader(pty[0], () -> {
            String data = Fds.read(pty[0]);
            if (data != null) {
                read.append(data);
            }
        });
        Fds.write(pty[1], "1");
        fixture.runUntil(() -> read.length() >= 1);
        Fds.write(pty[1], "2345");
        fixture.runUntil(() -> read.length() >= 5);
        assertEquals("12345", read.toString());
        assertTrue(loop.removeReader(pty[0]));
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_write_pty, with addWriter on the slave. */
    @Test
    void aWriterOnThePtySlaveIsCalledAndItsOutputReachesTheMaster() {
        assumeTrue(rawDescriptors(), backend + " watches channels only");
        int[] pty = fds.pty();
        AtomicInteger writes = new AtomicInteger();
        loop.addWriter(pty[1], () -> {
            Fds.write(pty[1], "12345");
            writes.incrementAndGet();
            loop.removeWriter(pty[1]);
        });
        fixture.runUntil(() -> writes.get() == 1);
        StringBuilder read = new StringBuilder();
        fixture.runUntil(() -> {
            String data = Fds.read(pty[0]);
            if (data != null) {
                read.append(data);
            }
            return read.length() >= 5;
        });
        assertEquals("12345", read.toString());
    }

    /**
     * /dev/null is a character device that is always ready: epoll refuses it (EPERM),
     * poll and select report it ready, as asyncio's PollSelector and SelectSelector do.
     */
    @Test
    void devNullIsRefusedByEpollAndAlwaysReadyElsewhere() {
        assumeTrue(rawDescriptors(), backend + " watches channels only");
        int fd = fds.open(Path.of("/dev/null"), Libc.O_RDONLY);
        if (backend == Backend.EPOLL) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> loop.addReader(fd, () -> { }));
            assertTrue(e.getMessage().contains("always ready"), e.getMessage());
            assertFalse(loop.removeReader(fd), "a refused reader is not installed");
        } else {
            AtomicInteger calls = new AtomicInteger();
            loop.addReader(fd, calls::incrementAndGet);
            fixture.runUntil(() -> calls.get() >= 2);
            assertTrue(loop.removeReader(fd));
        }
    }

    /** The seed's "All Platforms" rule: a regular file is refused, with what to do instead. */
    @Test
    void aRegularFileIsRefusedOnEveryBackend() throws IOException {
        int fd = fds.regularFile(tmp);
        assertFalse(loop.supports(Capability.ADD_READER_REGULAR_FILE));
        assertTrue(loop.whyNot(Capability.ADD_READER_REGULAR_FILE).orElseThrow().contains("runInExecutor"));
        UnsupportedOperationException reader = assertThrows(UnsupportedOperationException.class,
                () -> loop.addReader(fd, () -> { }));
        UnsupportedOperationException writer = assertThrows(UnsupportedOperationException.class,
                () -> loop.addWriter(fd, () -> { }));
        for (UnsupportedOperationException e : List.of(reader, writer)) {
            if (rawDescriptors()) {
                assertTrue(e.getMessage().contains("regular file"), e.getMessage());
                assertTrue(e.getMessage().contains("runInExecutor"), e.getMessage());
                assertTrue(e.getMessage().contains(backend.id()), e.getMessage());
            } else {
                assertTrue(e.getMessage().contains("raw file descriptors"), e.getMessage());
            }
        }
        assertFalse(loop.removeReader(fd));
        assertFalse(loop.removeWriter(fd));
    }

    /** nio watches channels only: an int descriptor is refused naming the loop, the platform and the backends that can. */
    @Test
    void nioRefusesRawDescriptorsNamingTheAlternatives() {
        assumeTrue(backend == Backend.NIO, "only nio watches channels only");
        int[] pipe = fds.pipe();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> loop.addReader(pipe[0], () -> { }));
        String message = e.getMessage();
        assertTrue(message.contains("SelectorEventLoop"), message);
        assertTrue(message.contains("nio"), message);
        assertTrue(message.contains(System.getProperty("os.name")), message);
        assertTrue(message.contains("Backend.EPOLL"), message);
        assertFalse(loop.removeReader(pipe[0]));
    }

    /** Lib/asyncio/events.py::Handle._run: what a reader throws reaches the exception handler, with its handle. */
    @Test
    void anExceptionInAReaderReachesTheExceptionHandler() {
        try (SocketPair pair = new SocketPair()) {
            IllegalStateException boom = new IllegalStateException("boom");
            Handle handle = loop.addReader(pair.left, () -> {
                SocketPair.receive(pair.left);
                throw boom;
            });
            SocketPair.send(pair.right, "x");
            fixture.runUntil(() -> !fixture.errors.isEmpty());
            ExceptionContext context = fixture.errors.getFirst();
            assertSame(boom, context.exception());
            assertSame(handle, context.get(ExceptionContext.HANDLE));
            assertTrue(context.message().startsWith("Exception in callback"), context.message());
            assertTrue(loop.removeReader(pair.left), "the reader stays installed after it threw");
        }
    }

    /** A loop blocked with only a quiet reader installed wakes for work from another thread. */
    @Test
    void aLoopBlockedOnAReaderWakesForAnotherThread() throws Exception {
        try (SocketPair pair = new SocketPair()) {
            loop.addReader(pair.left, () -> { });
            Later other = Later.after(50, () -> loop.callSoonThreadsafe(loop::stop));
            loop.callSoon(other::go);
            loop.runForever();
            other.join();
            assertTrue(loop.removeReader(pair.left));
        }
    }

    /** Data written by another thread wakes a reader of a loop blocked without timers. */
    @Test
    void dataFromAnotherThreadWakesTheReader() throws Exception {
        try (SocketPair pair = new SocketPair()) {
            loop.addReader(pair.left, () -> {
                if (SocketPair.receive(pair.left) != null) {
                    loop.stop();
                }
            });
            Later other = Later.after(50, () -> SocketPair.send(pair.right, "wake"));
            loop.callSoon(other::go);
            loop.runForever();
            other.join();
            loop.removeReader(pair.left);
        }
    }

    /** Loop-confined: another thread cannot install a reader while the loop runs. */
    @Test
    void addReaderFromAnotherThreadWhileRunningIsRefused() throws Exception {
        try (SocketPair pair = new SocketPair()) {
            Throwable[] seen = new Throwable[1];
            loop.callSoon(() -> {
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        loop.addReader(pair.left, () -> { });
                    } catch (Throwable e) {
                        seen[0] = e;
                    }
                });
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                loop.stop();
            });
            loop.runForever();
            assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
            assertTrue(seen[0].getMessage().contains("addReader"), seen[0].getMessage());
            assertFalse(loop.removeReader(pair.left));
        }
    }

    /** The callback runs in a copy of the context current when it was added (asyncio's Handle(context=None)). */
    @Test
    void theReaderRunsInACopyOfTheContextAtAddTime() {
        try (SocketPair pair = new SocketPair()) {
            org.jasyncio.context.ContextVar<String> var = new org.jasyncio.context.ContextVar<>("who");
            String[] seen = {null};
            var.set("adder");
            loop.addReader(pair.left, () -> {
                SocketPair.receive(pair.left);
                seen[0] = var.get(null);
                var.set("reader");
            });
            var.set("later");
            SocketPair.send(pair.right, "x");
            fixture.runUntil(() -> seen[0] != null);
            assertEquals("adder", seen[0]);
            assertEquals("later", var.get(null));
            loop.removeReader(pair.left);
        }
    }

    @Test
    void aNullCallbackIsRefusedBeforeAnythingIsRegistered() {
        try (SocketPair pair = new SocketPair()) {
            assertThrows(NullPointerException.class, () -> loop.addReader(pair.left, null));
            assertFalse(loop.removeReader(pair.left));
            assertNull(loop.whyNot(Capability.ADD_READER_SOCKET).orElse(null));
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }
}
