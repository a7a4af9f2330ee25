package org.jasyncio.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.Fds;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.transport.BufferedProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.ReadPipe;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pipe transports on every readiness backend: ports of {@code Lib/test/test_asyncio/test_events.py}
 * (pipe and pty tests) and {@code test_unix_events.py} ({@code UnixReadPipeTransportTests},
 * {@code UnixWritePipeTransportTests}). CPython mocks the descriptor in the latter; here every
 * scenario runs over a real pipe (a JDK {@code Pipe} on every backend, an OS pipe or pty on
 * the backends that watch raw descriptors) whose other end the test holds.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class PipeConformanceTest {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    LoopFixture f;
    EventLoop loop;
    Fds fds;

    @BeforeEach
    void open() {
        f = new LoopFixture(SelectorEventLoop.open(backend));
        loop = f.loop;
        fds = new Fds();
    }

    @AfterEach
    void close() {
        f.close();
        fds.close();
    }

    private boolean rawDescriptors() {
        return loop.supports(Capability.RAW_FILE_DESCRIPTORS);
    }

    private <T> T run(Coroutine<T> body) {
        Task<T> task = loop.createTask(body);
        TimerHandle guard = loop.callLater(Duration.ofSeconds(60), () -> task.cancel("test watchdog"));
        try {
            return loop.runUntilComplete(task);
        } finally {
            guard.cancel();
        }
    }

    /** Records what a protocol hears. */
    static final class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Future<Throwable> lost;
        Transport transport;
        int pauses;
        int resumes;

        Recorder(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            if (events.isEmpty() || !events.getLast().equals("data")) {
                events.add("data");
            }
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            data.writeBytes(copy);
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return false;
        }

        @Override
        public void pauseWriting() {
            pauses++;
        }

        @Override
        public void resumeWriting() {
            resumes++;
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            lost.setResult(exc);
        }

        String text() {
            return data.toString(StandardCharsets.UTF_8);
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 20_000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            AsyncIO.sleep(0.001);
        }
        throw new AssertionError("condition not reached within the bound");
    }

    private static void blockingWrite(Pipe.SinkChannel sink, String text) throws Exception {
        sink.configureBlocking(true);
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            sink.write(b);
        }
    }

    // ---------------------------------------------------------------- read pipes

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_read_pipe (JDK pipe) */
    @Test
    void readPipeOverJdkPipe() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        run(() -> {
            ReadPipe<Recorder> rp = loop.connectReadPipe(() -> r, pipe.source());
            assertSame(r, rp.protocol());
            assertSame(rp.transport(), r.transport);
            assertSame(pipe.source(), rp.transport().getExtraInfo("pipe"));
            assertEquals(List.of("made"), r.events);
            loop.runInExecutor(null, () -> {
                blockingWrite(pipe.sink(), "1");
                return null;
            }).await();
            waitFor(() -> r.data.size() >= 1);
            loop.runInExecutor(null, () -> {
                blockingWrite(pipe.sink(), "2345");
                pipe.sink().close();
                return null;
            }).await();
            assertNull(r.lost.await());
            return null;
        });
        assertEquals("12345", r.text());
        assertEquals(List.of("made", "data", "eof", "lost"), r.events);
        assertFalse(pipe.source().isOpen(), "the transport closes the pipe it owns");
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_read_pipe (os.pipe) */
    @Test
    void readPipeOverDescriptor() {
        assumeTrue(rawDescriptors());
        int[] p = fds.pipe();
        Recorder r = new Recorder(loop);
        run(() -> {
            ReadPipe<Recorder> rp = loop.connectReadPipe(() -> r, p[0]);
            fds.handOver(p[0]);
            assertEquals(p[0], rp.transport().getExtraInfo("pipe"));
            Fds.write(p[1], "1");
            waitFor(() -> r.data.size() >= 1);
            Fds.write(p[1], "2345");
            fds.close(p[1]);
            assertNull(r.lost.await());
            return null;
        });
        assertEquals("12345", r.text());
        assertEquals(List.of("made", "data", "eof", "lost"), r.events);
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_read_pty_output */
    @Test
    void readPtyOutput() {
        assumeTrue(rawDescriptors());
        int[] pty = fds.pty();
        Recorder r = new Recorder(loop);
        run(() -> {
            loop.connectReadPipe(() -> r, pty[0]);
            fds.handOver(pty[0]);
            Fds.write(pty[1], "1");
            waitFor(() -> r.data.size() >= 1);
            Fds.write(pty[1], "2345");
            waitFor(() -> r.data.size() >= 5);
            // Closing the slave makes the master's read fail with EIO: the end, not an error.
            fds.close(pty[1]);
            r.lost.await();
            return null;
        });
        assertEquals("12345", r.text());
        assertEquals("lost", r.events.getLast());
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_unix_events.py::UnixReadPipeTransportTests::test_pause_reading, test_resume_reading */
    @Test
    void pauseAndResumeReading() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        run(() -> {
            Transport t = (Transport) loop.connectReadPipe(() -> r, pipe.source()).transport();
            assertTrue(t.isReading());
            t.pauseReading();
            t.pauseReading(); // a second pause is a no-op
            assertFalse(t.isReading());
            loop.runInExecutor(null, () -> {
                blockingWrite(pipe.sink(), "held");
                return null;
            }).await();
            for (int i = 0; i < 20; i++) {
                AsyncIO.sleep(0.002);
            }
            assertEquals(0, r.data.size(), "nothing is read while paused");
            t.resumeReading();
            assertTrue(t.isReading());
            waitFor(() -> r.data.size() == 4);
            t.close();
            assertNull(r.lost.await());
            return null;
        });
        assertEquals("held", r.text());
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_unix_events.py::UnixReadPipeTransportTests::test_close */
    @Test
    void closeReadPipe() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        run(() -> {
            Transport t = (Transport) loop.connectReadPipe(() -> r, pipe.source()).transport();
            t.close();
            assertTrue(t.isClosing());
            assertFalse(t.isReading());
            t.close(); // idempotent
            assertNull(r.lost.await());
            return null;
        });
        assertEquals(List.of("made", "lost"), r.events);
        assertFalse(pipe.source().isOpen());
    }

    /** A read pipe has no writing end: writing refuses before anything happens. */
    @Test
    void readPipeRefusesWrites() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        run(() -> {
            Transport t = (Transport) loop.connectReadPipe(() -> r, pipe.source()).transport();
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> t.write(new byte[] {1}));
            assertTrue(e.getMessage().contains("connectWritePipe"), e.getMessage());
            assertFalse(t.canWriteEof());
            assertFalse(t.isClosing());
            t.close();
            r.lost.await();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_buffered_proto.py (over a pipe): a BufferedProtocol reads into its own buffer. */
    @Test
    void bufferedProtocolOverReadPipe() throws Exception {
        Pipe pipe = Pipe.open();
        ByteBuffer mine = ByteBuffer.allocate(3);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Future<Throwable> lost = loop.createFuture();
        BufferedProtocol p = new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return mine.clear();
            }

            @Override
            public void bufferUpdated(int n) {
                got.write(mine.array(), 0, n);
            }

            @Override
            public void connectionLost(Throwable exc) {
                lost.setResult(exc);
            }
        };
        run(() -> {
            loop.connectReadPipe(() -> p, pipe.source());
            loop.runInExecutor(null, () -> {
                blockingWrite(pipe.sink(), "0123456789");
                pipe.sink().close();
                return null;
            }).await();
            lost.await();
            return null;
        });
        assertEquals("0123456789", got.toString(StandardCharsets.UTF_8));
        f.assertNoErrors();
    }

    // ---------------------------------------------------------------- write pipes

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_write_pipe (JDK pipe) */
    @Test
    void writePipeOverJdkPipe() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        byte[] got = run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, pipe.sink());
            assertSame(pipe.sink(), wp.transport().getExtraInfo("pipe"));
            wp.transport().write("1".getBytes(StandardCharsets.UTF_8));
            wp.transport().write("2345".getBytes(StandardCharsets.UTF_8));
            wp.transport().close();
            assertTrue(wp.transport().isClosing());
            assertNull(r.lost.await());
            return loop.runInExecutor(null, () -> pipe.source().configureBlocking(true) == null ? null
                    : readAll(pipe.source())).await();
        });
        assertEquals("12345", new String(got, StandardCharsets.UTF_8));
        assertEquals(List.of("made", "lost"), r.events);
        assertFalse(pipe.sink().isOpen());
        f.assertNoErrors();
    }

    private static byte[] readAll(java.nio.channels.ReadableByteChannel ch) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (ch.read(b.clear()) >= 0) {
            out.write(b.array(), 0, b.position());
        }
        return out.toByteArray();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_write_pipe (os.pipe) */
    @Test
    void writePipeOverDescriptor() {
        assumeTrue(rawDescriptors());
        int[] p = fds.pipe();
        Recorder r = new Recorder(loop);
        run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, p[1]);
            fds.handOver(p[1]);
            wp.transport().write("1".getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            waitFor(() -> append(sb, Fds.read(p[0])).length() >= 1);
            wp.transport().write("2345".getBytes(StandardCharsets.UTF_8));
            waitFor(() -> append(sb, Fds.read(p[0])).length() >= 5);
            assertEquals("12345", sb.toString());
            wp.transport().close();
            assertNull(r.lost.await());
            assertEquals("", Fds.read(p[0]), "the write end is closed: end of file");
            return null;
        });
        f.assertNoErrors();
    }

    private static StringBuilder append(StringBuilder sb, String s) {
        if (s != null) {
            sb.append(s);
        }
        return sb;
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_write_pipe_disconnect_on_close */
    @Test
    void writePipeNoticesTheReaderClosing() {
        assumeTrue(rawDescriptors());
        int[] p = fds.pipe();
        Recorder r = new Recorder(loop);
        run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, p[1]);
            fds.handOver(p[1]);
            wp.transport().write("1".getBytes(StandardCharsets.UTF_8));
            waitFor(() -> "1".equals(Fds.read(p[0])));
            fds.close(p[0]);
            // Nothing more is written: the transport learns of the close from the kernel.
            assertNull(r.lost.await());
            return null;
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_write_pty */
    @Test
    void writePty() {
        assumeTrue(rawDescriptors());
        int[] pty = fds.pty();
        Recorder r = new Recorder(loop);
        run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, pty[1]);
            fds.handOver(pty[1]);
            wp.transport().write("1".getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            waitFor(() -> append(sb, Fds.read(pty[0])).length() >= 1);
            wp.transport().write("2345".getBytes(StandardCharsets.UTF_8));
            waitFor(() -> append(sb, Fds.read(pty[0])).length() >= 5);
            assertEquals("12345", sb.toString());
            wp.transport().close();
            assertNull(r.lost.await());
            return null;
        });
        f.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::UnixWritePipeTransportTests::test_write_again,
     * test__write_ready_partial (flow control): a reader that does not read fills the pipe;
     * the rest is buffered, pauseWriting fires above the high-water mark, resumeWriting once
     * the reader drains it, and every byte arrives in order.
     */
    @Test
    void writePipeBuffersWithFlowControl() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        byte[] payload = new byte[1 << 20];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        byte[] got = run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, pipe.sink());
            wp.transport().setWriteBufferLimits(64 * 1024, 16 * 1024);
            wp.transport().write(payload);
            assertTrue(wp.transport().getWriteBufferSize() > 0, "a pipe cannot take 1 MiB at once");
            assertEquals(1, r.pauses);
            Future<byte[]> reader = loop.runInExecutor(null, () -> {
                pipe.source().configureBlocking(true);
                return readAll(pipe.source());
            });
            wp.transport().close();
            assertNull(r.lost.await());
            return reader.await();
        });
        assertEquals(1, r.resumes);
        assertTrue(Arrays.equals(payload, got), "every byte arrives, in order");
        f.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::UnixWritePipeTransportTests::test__read_ready
     * (with data buffered): the reader closes while bytes wait: connectionLost(BrokenPipe).
     */
    @Test
    void readerClosingWithBytesBufferedIsABrokenPipe() {
        assumeTrue(rawDescriptors());
        int[] p = fds.pipe();
        Recorder r = new Recorder(loop);
        Throwable exc = run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, p[1]);
            fds.handOver(p[1]);
            wp.transport().write(new byte[1 << 20]);
            assertTrue(wp.transport().getWriteBufferSize() > 0);
            fds.close(p[0]);
            return r.lost.await();
        });
        assertInstanceOf(BrokenPipeException.class, exc);
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_unix_events.py::UnixWritePipeTransportTests::test_abort */
    @Test
    void abortDropsTheBuffer() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, pipe.sink());
            wp.transport().write(new byte[1 << 20]);
            assertTrue(wp.transport().getWriteBufferSize() > 0);
            wp.transport().abort();
            assertEquals(0, wp.transport().getWriteBufferSize());
            assertNull(r.lost.await());
            return null;
        });
        assertFalse(pipe.sink().isOpen());
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::UnixWritePipeTransportTests::test_write_eof,
     * test_write_eof_pending, test_write_closing: writeEof flushes then closes; later writes
     * are dropped, not refused.
     */
    @Test
    void writeEofFlushesThenCloses() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        byte[] got = run(() -> {
            WritePipe<Recorder> wp = loop.connectWritePipe(() -> r, pipe.sink());
            assertTrue(wp.transport().canWriteEof());
            wp.transport().write(new byte[300_000]);
            wp.transport().writeEof();
            assertTrue(wp.transport().isClosing());
            wp.transport().write(new byte[] {1, 2, 3}); // dropped
            Future<byte[]> reader = loop.runInExecutor(null, () -> {
                pipe.source().configureBlocking(true);
                return readAll(pipe.source());
            });
            assertNull(r.lost.await());
            return reader.await();
        });
        assertEquals(300_000, got.length);
        f.assertNoErrors();
    }

    /** A write pipe has no reading end: its reading controls refuse. */
    @Test
    void writePipeRefusesReadingControls() throws Exception {
        Pipe pipe = Pipe.open();
        Recorder r = new Recorder(loop);
        run(() -> {
            Transport t = (Transport) loop.connectWritePipe(() -> r, pipe.sink()).transport();
            assertFalse(t.isReading());
            assertThrows(UnsupportedOperationException.class, t::pauseReading);
            t.close();
            r.lost.await();
            return null;
        });
    }

    // ---------------------------------------------------------------- what is refused

    /** Lib/test/test_asyncio/test_unix_events.py::UnixReadPipeTransportTests::test_ctor (not a pipe), seed "All Platforms" */
    @Test
    void regularFileIsRefusedAndNotConsumed() throws Exception {
        int file = rawDescriptors() ? fds.regularFile(dir) : -1;
        run(() -> {
            if (!rawDescriptors()) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> loop.connectReadPipe(() -> new Recorder(loop), 0));
                assertTrue(e.getMessage().contains("Pipe"), e.getMessage());
                return null;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.connectReadPipe(() -> new Recorder(loop), file));
            assertTrue(e.getMessage().contains("regular file"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> loop.connectWritePipe(() -> new Recorder(loop), file));
            return null;
        });
        if (file >= 0) {
            assertTrue(Fds.isOpen(file), "the refused descriptor is left open for its owner");
            assertEquals("some content\n", Fds.read(file));
        }
    }

    /** A descriptor already used by a transport of this loop is refused. */
    @Test
    void descriptorInUseIsRefused() {
        assumeTrue(rawDescriptors());
        int[] p = fds.pipe();
        run(() -> {
            Recorder r = new Recorder(loop);
            ReadPipe<Recorder> rp = loop.connectReadPipe(() -> r, p[0]);
            fds.handOver(p[0]);
            assertThrows(IllegalArgumentException.class, () -> loop.connectReadPipe(() -> new Recorder(loop), p[0]));
            rp.transport().close();
            r.lost.await();
            return null;
        });
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_unclosed_pipe_transport: the loop's close releases it */
    @Test
    void closingTheLoopClosesPipeTransports() throws Exception {
        Pipe pipe = Pipe.open();
        run(() -> {
            loop.connectReadPipe(() -> new Recorder(loop), pipe.source());
            return null;
        });
        loop.close();
        assertFalse(pipe.source().isOpen());
        pipe.sink().close();
    }

    /** A call from outside a task is refused with the way to do it. */
    @Test
    void outsideATaskIsRefused() throws Exception {
        Pipe pipe = Pipe.open();
        assertThrows(IllegalStateException.class, () -> loop.connectReadPipe(() -> new Recorder(loop), pipe.source()));
        assertTrue(pipe.source().isOpen());
        pipe.source().close();
        pipe.sink().close();
    }
}
