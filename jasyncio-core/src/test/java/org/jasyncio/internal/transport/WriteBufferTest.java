package org.jasyncio.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The stream write buffer: coalescing, gathering flushes, chunk reuse, bounded heap writes. */
class WriteBufferTest {

    /** A channel that takes at most {@code budget} bytes per call (0 = would block), recording them. */
    static final class Sink implements GatheringByteChannel {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        int budget;
        int calls;
        int largestHeapWrite;

        Sink(int budget) {
            this.budget = budget;
        }

        @Override
        public int write(ByteBuffer src) {
            calls++;
            if (!src.isDirect()) {
                largestHeapWrite = Math.max(largestHeapWrite, src.remaining());
            }
            int n = Math.min(budget, src.remaining());
            byte[] b = new byte[n];
            src.get(b);
            taken.writeBytes(b);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            calls++;
            long total = 0;
            int left = budget;
            for (int i = offset; i < offset + length && left > 0; i++) {
                int n = Math.min(left, srcs[i].remaining());
                byte[] b = new byte[n];
                srcs[i].get(b);
                taken.writeBytes(b);
                left -= n;
                total += n;
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void smallWritesCoalesceIntoOneChunk() throws Exception {
        ChunkPool pool = new ChunkPool();
        WriteBuffer buf = new WriteBuffer();
        for (int i = 0; i < 1000; i++) {
            buf.append(ByteBuffer.wrap(new byte[] {(byte) i}), pool);
        }
        assertEquals(1000, buf.size());
        assertEquals(1, pool.allocatedDirect(), "1000 one-byte writes share one 16 KiB chunk");
        Sink sink = new Sink(Integer.MAX_VALUE);
        buf.flush(sink, new ByteBuffer[IoContext.IOV_MAX], pool);
        assertEquals(1, sink.calls);
        assertTrue(buf.isEmpty());
        assertEquals(1, pool.pooled(), "the chunk went back to the pool");
        byte[] out = sink.taken.toByteArray();
        for (int i = 0; i < 1000; i++) {
            assertEquals((byte) i, out[i]);
        }
    }

    @Test
    void partialFlushesKeepOrderAndReuseChunks() throws Exception {
        ChunkPool pool = new ChunkPool();
        WriteBuffer buf = new WriteBuffer();
        byte[] data = new byte[200_000];
        new Random(42).nextBytes(data);
        ByteBuffer src = ByteBuffer.wrap(data);
        buf.append(src, pool);
        assertFalse(src.hasRemaining(), "append consumes its source");
        Sink sink = new Sink(7_777);
        ByteBuffer[] iov = new ByteBuffer[IoContext.IOV_MAX];
        while (!buf.isEmpty()) {
            buf.flush(sink, iov, pool);
            buf.append(ByteBuffer.allocate(0), pool);
        }
        assertArrayEquals(data, sink.taken.toByteArray());
        assertEquals(pool.allocatedDirect(), pool.pooled(), "every chunk is back in the pool");
        int allocated = pool.allocatedDirect();
        buf.append(ByteBuffer.wrap(data), pool);
        assertEquals(allocated, pool.allocatedDirect(), "a second burst reuses the pooled chunks");
        buf.clear(pool);
        assertEquals(0, buf.size());
    }

    @Test
    void flushStopsWhenTheChannelWouldBlock() throws Exception {
        ChunkPool pool = new ChunkPool();
        WriteBuffer buf = new WriteBuffer();
        buf.append(ByteBuffer.wrap(new byte[50_000]), pool);
        Sink sink = new Sink(0);
        assertEquals(0, buf.flush(sink, new ByteBuffer[IoContext.IOV_MAX], pool));
        assertEquals(50_000, buf.size());
        assertEquals(1, sink.calls, "no spinning on a full socket");
    }

    @Test
    void largeHeapWritesGoInBoundedSlices() throws Exception {
        Sink sink = new Sink(Integer.MAX_VALUE);
        ByteBuffer big = ByteBuffer.wrap(new byte[3 * WriteBuffer.MAX_HEAP_WRITE + 5]);
        assertEquals(big.capacity(), WriteBuffer.writeDirectly(sink, big));
        assertFalse(big.hasRemaining());
        assertEquals(big.capacity(), big.limit(), "the caller's limit is restored");
        assertEquals(WriteBuffer.MAX_HEAP_WRITE, sink.largestHeapWrite);
        Sink slow = new Sink(1000);
        ByteBuffer again = ByteBuffer.wrap(new byte[2 * WriteBuffer.MAX_HEAP_WRITE]);
        assertEquals(1000, WriteBuffer.writeDirectly(slow, again));
        assertEquals(again.capacity() - 1000, again.remaining());
    }
}
