package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jasyncio.loop.Server;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sockSendfile} on every readiness backend: ports of
 * {@code Lib/test/test_asyncio/test_sendfile.py::SockSendfileMixin} and the argument checks of
 * {@code test_base_events.py::BaseLoopSockSendfileTests}. The data is larger than the
 * socket buffers, so the transfer waits for writability several times.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class SendfileConformanceTest extends BackendLoopTest {
    static final byte[] DATA = bytes("SendfileBaseProtocolData\n".repeat(40_000));   // 1 MB

    @TempDir
    Path dir;
    FileChannel file;

    /** The receiving side: keeps everything, completes {@code closed} at end of stream. */
    final class Receiver implements Protocol {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Future<Void> closed = loop.createFuture();

        @Override
        public void dataReceived(ByteBuffer d) {
            data.writeBytes(NetTesting.copy(d));
        }

        @Override
        public void connectionLost(Throwable exc) {
            closed.setResult(null);
        }
    }

    @BeforeEach
    void writeFile() throws Exception {
        Path p = dir.resolve("data");
        Files.write(p, DATA);
        file = FileChannel.open(p, StandardOpenOption.READ);
    }

    @AfterEach
    void closeFile() throws Exception {
        file.close();
    }

    private interface Body {
        void run(SocketChannel sock) throws Exception;
    }

    /** CPython's prepare_socksendfile: a server with a receiving protocol, a connected client socket with small buffers. */
    private byte[] sendThrough(Body body) {
        Receiver proto = new Receiver();
        return run(f, () -> {
            Server srv = loop.createServer(() -> proto, "127.0.0.1", 0);
            try (SocketChannel sock = SocketChannel.open()) {
                loop.sockConnect(sock, (InetSocketAddress) srv.sockets().get(0).getLocalAddress());
                sock.setOption(StandardSocketOptions.SO_SNDBUF, 16 * 1024);
                body.run(sock);
            }
            proto.closed.await();
            srv.close();
            srv.waitClosed();
            return proto.data.toByteArray();
        });
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SockSendfileMixin::test_sock_sendfile_success */
    @Test
    void success() throws Exception {
        long[] ret = {0};
        byte[] got = sendThrough(sock -> ret[0] = loop.sockSendfile(sock, file));
        assertEquals(DATA.length, ret[0]);
        assertArrayEquals(DATA, got);
        assertEquals(DATA.length, file.position());
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SockSendfileMixin::test_sock_sendfile_with_offset_and_count */
    @Test
    void withOffsetAndCount() throws Exception {
        long[] ret = {0};
        byte[] got = sendThrough(sock -> ret[0] = loop.sockSendfile(sock, file, 1000, 2000L));
        assertArrayEquals(Arrays.copyOfRange(DATA, 1000, 3000), got);
        assertEquals(3000, file.position());
        assertEquals(2000, ret[0]);
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SockSendfileMixin::test_sock_sendfile_zero_size */
    @Test
    void zeroSize() throws Exception {
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        long[] ret = {-1};
        try (FileChannel e = FileChannel.open(empty, StandardOpenOption.READ)) {
            byte[] got = sendThrough(sock -> ret[0] = loop.sockSendfile(sock, e, 0, null));
            assertEquals(0, got.length);
            assertEquals(0, e.position());
        }
        assertEquals(0, ret[0]);
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SockSendfileMixin::test_sock_sendfile_mix_with_regular_send */
    @Test
    void mixWithRegularSend() throws Exception {
        byte[] buf = bytes("mix_regular_send".repeat(4 * 1024));   // 64 KiB
        long[] ret = {0};
        byte[] got = sendThrough(sock -> {
            loop.sockSendall(sock, buf);
            ret[0] = loop.sockSendfile(sock, file);
            loop.sockSendall(sock, buf);
        });
        assertEquals(DATA.length, ret[0]);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(buf);
        expected.writeBytes(DATA);
        expected.writeBytes(buf);
        assertArrayEquals(expected.toByteArray(), got);
        assertEquals(DATA.length, file.position());
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseLoopSockSendfileTests::test_negative_offset and test_negative_count */
    @Test
    void badArguments() throws Exception {
        sendThrough(sock -> {
            IllegalArgumentException offset = assertThrows(IllegalArgumentException.class,
                    () -> loop.sockSendfile(sock, file, -1, null));
            assertTrue(offset.getMessage().contains("offset must be a non-negative integer"), offset.getMessage());
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> loop.sockSendfile(sock, file, 0, -1L));
            assertTrue(count.getMessage().contains("count must be a positive integer"), count.getMessage());
        });
        assertEquals(0, file.position());
    }
}
