package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a stream transport could not send yet: a queue of {@link ChunkPool} chunks.
 * Each chunk is kept in "read mode" (its pending bytes lie between position and limit);
 * appending grows the tail chunk's limit, so small writes coalesce without copying twice.
 * An empty buffer holds no memory at all (10 000 idle connections cost nothing here).
 */
final class WriteBuffer {
    /**
     * The largest slice of a heap buffer handed to the JDK in one write: the JDK copies a
     * heap buffer into a temporary direct buffer of the same size, so slicing keeps that
     * copy (and the JDK's per-thread cache) bounded.
     */
    static final int MAX_HEAP_WRITE = 256 * 1024;

    private ArrayDeque<ByteBuffer> chunks;
    private long size;

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** Copies the remaining bytes of {@code src} to the end of the buffer, consuming it. */
    void append(ByteBuffer src, ChunkPool pool) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        size += n;
        ArrayDeque<ByteBuffer> queue = chunks;
        if (queue == null) {
            queue = chunks = new ArrayDeque<>(4);
        }
        ByteBuffer tail = queue.peekLast();
        int from = src.position();
        int end = src.limit();
        while (from < end) {
            if (tail == null || tail.limit() == tail.capacity()) {
                tail = pool.take();
                queue.addLast(tail);
            }
            int at = tail.limit();
            int k = Math.min(tail.capacity() - at, end - from);
            tail.limit(at + k);
            tail.put(at, src, from, k);
            from += k;
        }
        src.position(end);
    }

    /**
     * Writes as much as the channel takes, with gathering writes of up to
     * {@code iov.length} chunks; returns the number of bytes written.
     */
    long flush(GatheringByteChannel channel, ByteBuffer[] iov, ChunkPool pool) throws IOException {
        long total = 0;
        while (size > 0) {
            int k = 0;
            long asked = 0;
            for (ByteBuffer c : chunks) {
                iov[k++] = c;
                asked += c.remaining();
                if (k == iov.length) {
                    break;
                }
            }
            long written = k == 1 ? channel.write(iov[0]) : channel.write(iov, 0, k);
            java.util.Arrays.fill(iov, 0, k, null);
            total += written;
            size -= written;
            ByteBuffer head;
            while ((head = chunks.peekFirst()) != null && !head.hasRemaining()) {
                pool.release(chunks.pollFirst());
            }
            if (written < asked) {
                break;
            }
        }
        if (size == 0) {
            chunks = null;
        }
        return total;
    }

    /** Drops everything buffered. */
    void clear(ChunkPool pool) {
        if (chunks != null) {
            for (ByteBuffer c : chunks) {
                pool.release(c);
            }
            chunks = null;
        }
        size = 0;
    }

    /**
     * Writes {@code src} to {@code channel} until the channel stops taking bytes; heap
     * buffers go in slices of at most {@link #MAX_HEAP_WRITE}. Returns bytes written.
     */
    static long writeDirectly(WritableByteChannel channel, ByteBuffer src) throws IOException {
        if (src.isDirect() || src.remaining() <= MAX_HEAP_WRITE) {
            return channel.write(src);
        }
        long total = 0;
        int end = src.limit();
        try {
            while (src.position() < end) {
                int sliceEnd = Math.min(end, src.position() + MAX_HEAP_WRITE);
                src.limit(sliceEnd);
                int n = channel.write(src);
                total += n;
                if (src.position() < sliceEnd) {
                    break;
                }
            }
        } finally {
            src.limit(end);
        }
        return total;
    }
}
