package org.jasyncio.internal.transport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jasyncio.internal.fd.ChannelDescriptors;
import org.jasyncio.internal.ffm.SocketIo;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.net.ConnectionException;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.testing.SocketPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw-descriptor mode of a socket endpoint (FFM backends): the channel contract kept
 * byte for byte with heap, read-only and direct buffers, end of stream, a closed channel,
 * and the errors of a reset connection mapped as the JDK's are.
 */
class ChannelEndpointRawModeTest {
    @BeforeEach
    void rawModeExistsHere() {
        assumeTrue(SocketIo.isAvailable() && ChannelDescriptors.unavailabilityCause().isEmpty(),
                "raw-descriptor mode needs the FFM bindings and --add-opens java.base/sun.nio.ch");
    }

    /** Reads until {@code n} bytes arrived (non-blocking endpoint; bounded wait). */
    static byte[] readFully(ChannelEndpoint e, int n, ByteBuffer buf) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            buf.clear().limit(Math.min(buf.capacity(), n - got));
            int k = e.read(buf);
            if (k < 0) {
                throw new IOException("end of stream after " + got + " bytes");
            }
            buf.flip();
            buf.get(out, got, k);
            got += k;
            if (k == 0) {
                assertTrue(System.nanoTime() < deadline, "no data within 20 s");
                Thread.onSpinWait();
            }
        }
        return out;
    }

    @Test
    void onlyBackendsThatWatchDescriptorsGetRawMode() {
        try (SocketPair p = new SocketPair()) {
            assertTrue(ChannelEndpoint.forSocket(p.left, true).isRaw());
            assertFalse(ChannelEndpoint.forSocket(p.left, false).isRaw());
        }
    }

    @Test
    void heapReadOnlyAndDirectBuffersCrossInBothDirections() throws IOException {
        try (SocketPair p = new SocketPair()) {
            ChannelEndpoint a = ChannelEndpoint.forSocket(p.left, true);
            ChannelEndpoint b = ChannelEndpoint.forSocket(p.right, true);
            byte[] message = new byte[5000];
            new Random(1).nextBytes(message);
            ByteBuffer[] sources = {ByteBuffer.wrap(message), ByteBuffer.wrap(message).asReadOnlyBuffer(),
                    ByteBuffer.allocateDirect(message.length).put(message).flip(),
                    ByteBuffer.wrap(message, 100, 900).slice()};
            for (ByteBuffer src : sources) {
                int len = src.remaining();
                byte[] expected = new byte[len];
                src.duplicate().get(expected);
                assertEquals(len, a.write(src), "a small write is taken whole");
                assertFalse(src.hasRemaining());
                ByteBuffer into = src.isDirect() ? ByteBuffer.allocate(777) : ByteBuffer.allocateDirect(777);
                assertArrayEquals(expected, readFully(b, len, into));
            }
        }
    }

    @Test
    void nothingToReadIsZeroAndEndOfStreamIsMinusOne() throws IOException {
        try (SocketPair p = new SocketPair()) {
            ChannelEndpoint b = ChannelEndpoint.forSocket(p.right, true);
            assertEquals(0, b.read(ByteBuffer.allocate(10)));
            assertEquals(0, b.read(ByteBuffer.allocate(0)));
            ChannelEndpoint a = ChannelEndpoint.forSocket(p.left, true);
            a.write(ByteBuffer.wrap("end".getBytes(ISO_8859_1)));
            a.shutdownOutput();
            assertEquals("end", new String(readFully(b, 3, ByteBuffer.allocate(8)), ISO_8859_1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int n;
            while ((n = b.read(ByteBuffer.allocate(8))) == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(-1, n);
        }
    }

    @Test
    void aFullSocketTakesPartOfAWriteThenNothing() throws IOException {
        try (SocketPair p = new SocketPair()) {
            p.left.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            ChannelEndpoint a = ChannelEndpoint.forSocket(p.left, true);
            ByteBuffer big = ByteBuffer.allocate(64 << 20);
            int first = a.write(big);
            assertTrue(first > 0 && first < big.capacity(), "took " + first);
            assertEquals(first, big.position());
            int more;
            long total = first;
            while ((more = a.write(big)) > 0) {
                total += more;
            }
            assertEquals(0, more);
            assertEquals(total, big.position());
        }
    }

    @Test
    void aClosedChannelIsNeverTouchedAgain() throws IOException {
        SocketPair p = new SocketPair();
        try (p) {
            ChannelEndpoint a = ChannelEndpoint.forSocket(p.left, true);
            a.close();
            assertThrows(ClosedChannelException.class, () -> a.read(ByteBuffer.allocate(4)));
            assertThrows(ClosedChannelException.class, () -> a.write(ByteBuffer.allocate(4)));
        }
    }

    @Test
    void writingToAResetConnectionIsAConnectionError() throws IOException {
        try (SocketPair p = new SocketPair()) {
            p.right.setOption(StandardSocketOptions.SO_LINGER, 0);
            p.right.close();   // RST
            ChannelEndpoint a = ChannelEndpoint.forSocket(p.left, true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            IOException failure = null;
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    a.write(ByteBuffer.wrap(new byte[100]));
                } catch (IOException e) {
                    failure = e;
                }
            }
            ConnectionException mapped = assertInstanceOf(ConnectionException.class, NetErrors.map(failure));
            assertTrue(mapped instanceof ConnectionResetException || mapped instanceof BrokenPipeException,
                    mapped.toString());
        }
    }
}
