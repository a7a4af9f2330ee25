package org.jasyncio.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jasyncio.loop.Capability;
import org.jasyncio.task.Future;
import org.jasyncio.testing.Fds;
import org.jasyncio.testing.OnEveryBackend;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;
import org.jasyncio.transport.WriteTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code loop.sendfile} into write pipes, on every readiness backend (asyncio refuses
 * sendfile on pipe transports; jasyncio sends: zero copy into a JDK pipe, the chunked
 * fallback into a raw descriptor). The scenarios follow
 * {@code Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile},
 * {@code test_sendfile_partial} and {@code test_sendfile_force_unsupported_native}; the
 * other end of the pipe is read by a read pipe transport of the same loop.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class PipeSendfileConformanceTest extends OnEveryBackend {
    static final byte[] DATA = new byte[512 * 1024 + 7];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i % 253);
        }
    }

    @TempDir
    Path dir;

    Fds fds;
    FileChannel file;

    @BeforeEach
    void open() throws Exception {
        fds = new Fds();
        Path p = dir.resolve("data");
        Files.write(p, DATA);
        file = FileChannel.open(p, StandardOpenOption.READ);
    }

    @AfterEach
    void close() throws Exception {
        fds.close();
        file.close();
    }

    /** Collects what the read end receives; completes {@code done} at end of stream. */
    final class Collector implements Protocol {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Future<Void> done = loop.createFuture();

        @Override
        public void dataReceived(ByteBuffer d) {
            byte[] b = new byte[d.remaining()];
            d.get(b);
            data.writeBytes(b);
        }

        @Override
        public void connectionLost(Throwable exc) {
            done.setResult(null);
        }
    }

    private byte[] sendThroughJdkPipe(long offset, Long count, long[] ret) throws Exception {
        Pipe pipe = Pipe.open();
        Collector c = new Collector();
        run(() -> loop.connectReadPipe(() -> c, pipe.source()));
        WritePipe<BaseProtocol<Transport>> wp = run(() -> loop.connectWritePipe(() -> new BaseProtocol<Transport>() {
        }, pipe.sink()));
        ret[0] = run(() -> loop.sendfile(wp.transport(), file, offset, count, false));
        wp.transport().close();
        run(() -> c.done.await());
        return c.data.toByteArray();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile, into a JDK pipe (native: fallback off) */
    @Test
    void wholeFileIntoJdkPipe() throws Exception {
        long[] ret = {0};
        assertArrayEquals(DATA, sendThroughJdkPipe(0, null, ret));
        assertEquals(DATA.length, ret[0]);
        assertEquals(DATA.length, file.position());
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_partial, into a JDK pipe */
    @Test
    void partialIntoJdkPipe() throws Exception {
        long[] ret = {0};
        assertArrayEquals(Arrays.copyOfRange(DATA, 1000, 1100), sendThroughJdkPipe(1000, 100L, ret));
        assertEquals(100, ret[0]);
        assertEquals(1100, file.position());
        f.assertNoErrors();
    }

    private WriteTransport descriptorPair(Collector c) {
        int[] p = fds.pipe();
        fds.handOver(p[0]);
        fds.handOver(p[1]);
        run(() -> loop.connectReadPipe(() -> c, p[0]));
        return run(() -> loop.connectWritePipe(() -> new BaseProtocol<Transport>() {
        }, p[1])).transport();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_force_fallback, into a raw pipe descriptor */
    @Test
    void fallbackIntoDescriptorPipe() throws Exception {
        assumeTrue(loop.supports(Capability.RAW_FILE_DESCRIPTORS), "raw descriptors need an FFM backend");
        Collector c = new Collector();
        WriteTransport t = descriptorPair(c);
        long ret = run(() -> loop.sendfile(t, file));
        t.close();
        run(() -> c.done.await());
        assertEquals(DATA.length, ret);
        assertArrayEquals(DATA, c.data.toByteArray());
        assertEquals(DATA.length, file.position());
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_force_unsupported_native, into a raw pipe descriptor */
    @Test
    void noFallbackIntoDescriptorPipe() throws Exception {
        assumeTrue(loop.supports(Capability.RAW_FILE_DESCRIPTORS), "raw descriptors need an FFM backend");
        Collector c = new Collector();
        WriteTransport t = descriptorPair(c);
        assertThrows(org.jasyncio.transport.SendfileNotAvailableException.class,
                () -> run(() -> loop.sendfile(t, file, 0, null, false)));
        t.close();
        run(() -> c.done.await());
        assertEquals(0, c.data.size());
        assertEquals(0, file.position());
        f.assertNoErrors();
    }
}
