package org.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.jasyncio.loop.Server;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a {@link StreamReaderProtocol} lends buffers to its transport: the scratch buffer
 * while the reader's own buffer is small, the reader's free room in place once it is
 * large, and exact bytes either way, on every readiness backend.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class StreamReaderProtocolBufferTest extends StreamLoopTest {

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Lends a buffer, puts {@code bytes} in it as a transport read would, and reports them. */
    static boolean lendAndFill(StreamReaderProtocol p, byte[] bytes) {
        ByteBuffer lent = p.getBuffer(-1);
        assertTrue(lent.remaining() >= bytes.length, "lent " + lent.remaining());
        assertFalse(lent.isReadOnly());
        boolean inPlace = !lent.isDirect();
        lent.put(bytes);
        p.bufferUpdated(bytes.length);
        return inPlace;
    }

    @Test
    void aSmallReaderGetsTheScratchAndALargeOneItsOwnRoom() {
        StreamReader reader = new StreamReader(loop);
        StreamReaderProtocol p = new StreamReaderProtocol(reader);
        byte[] small = random(1000, 1);
        assertFalse(lendAndFill(p, small), "a new reader has no buffer to speak of: the scratch is lent");
        assertArrayEquals(small, reader.buffered());
        assertArrayEquals(small, this.<byte[]>run(() -> reader.read(5000)));

        byte[] big = random(200_000, 2);
        assertFalse(lendAndFill(p, big));
        byte[] head = this.<byte[]>run(() -> reader.read(100));
        byte[] rest = this.<byte[]>run(() -> reader.readexactly(big.length - 100));
        byte[] both = new byte[big.length];
        System.arraycopy(head, 0, both, 0, head.length);
        System.arraycopy(rest, 0, both, head.length, rest.length);
        assertArrayEquals(big, both);

        byte[] next = random(70_000, 3);
        assertTrue(lendAndFill(p, next), "the large buffer it kept, empty again, is read into in place");
        byte[] more = random(5000, 4);
        lendAndFill(p, more);
        assertArrayEquals(next, this.<byte[]>run(() -> reader.readexactly(next.length)));
        assertArrayEquals(more, this.<byte[]>run(() -> reader.read(10_000)));
    }

    @Test
    void chunksReadWholeOrInPartsComeOutExactly() {
        StreamReader reader = new StreamReader(loop);
        byte[] a = random(3000, 6);
        byte[] b = random(20_000, 7);
        reader.feedData(a);
        assertArrayEquals(a, this.<byte[]>run(() -> reader.read(3000)), "a whole chunk");
        reader.feedData(a);
        reader.feedData(b);
        byte[] first = this.<byte[]>run(() -> reader.read(3000));
        assertArrayEquals(a, first, "the first of two chunks");
        assertArrayEquals(b, this.<byte[]>run(() -> reader.read(100_000)), "the second, grown past the first");
        reader.feedData(b);
        byte[] handed = this.<byte[]>run(() -> reader.read(100_000));
        assertArrayEquals(b, handed);
        handed[0]++;   // the caller owns what it got: nothing the reader holds changes
        reader.feedData(a);
        assertArrayEquals(a, reader.buffered());
    }

    @Test
    void megabytesInBothDirectionsArriveExactly() {
        byte[] payload = random(3 << 20, 5);
        byte[] got = this.<byte[]>run(() -> {
            Server srv = Streams.startServer((r, w) -> {
                // Odd-sized pieces, so reads land both in place and through the scratch.
                int[] sizes = {1, 100_000, 7, 65_537, 300_000};
                int i = 0;
                while (true) {
                    byte[] piece = r.read(sizes[i++ % sizes.length]);
                    if (piece.length == 0) {
                        break;
                    }
                    w.write(piece);
                    w.drain();
                }
                w.close();
            }, "127.0.0.1", 0);
            StreamPair c = Streams.openConnection("127.0.0.1", StreamConnectionConformanceTest.port(srv));
            Task<Void> sender = loop.createTask(Coroutine.of(() -> {
                for (int at = 0; at < payload.length; at += 250_000) {
                    c.writer().write(ByteBuffer.wrap(payload, at, Math.min(250_000, payload.length - at)));
                    c.writer().drain();
                }
                c.writer().writeEof();
            }));
            byte[] echoed = c.reader().read();
            sender.await();
            c.writer().close();
            StreamConnectionConformanceTest.stop(srv);
            return echoed;
        });
        assertEquals(payload.length, got.length);
        assertArrayEquals(payload, got);
    }
}
