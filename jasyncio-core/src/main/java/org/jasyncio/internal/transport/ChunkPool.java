package org.jasyncio.internal.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The loop's pool of write-buffer chunks: 16 KiB direct buffers, reused.
 *
 * <p>Design note: buffered writes live in direct chunks so that a gathering write hands
 * the kernel their memory without the JDK's copy into a temporary direct buffer (which,
 * for one large heap buffer, would be as large as the buffer). At most
 * {@link #MAX_DIRECT} chunks are ever allocated per loop (16 MiB); beyond that the pool
 * hands out heap chunks of the same size, which the JDK copies in small, bounded steps.
 */
public final class ChunkPool {
    public static final int CHUNK_SIZE = 16 * 1024;
    static final int MAX_DIRECT = 1024;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int allocatedDirect;

    /** An empty chunk (position 0, limit 0) with {@link #CHUNK_SIZE} bytes of room. */
    ByteBuffer take() {
        ByteBuffer chunk = free.pollLast();
        if (chunk == null) {
            if (allocatedDirect < MAX_DIRECT) {
                allocatedDirect++;
                chunk = ByteBuffer.allocateDirect(CHUNK_SIZE);
            } else {
                chunk = ByteBuffer.allocate(CHUNK_SIZE);
            }
        }
        chunk.position(0).limit(0);
        return chunk;
    }

    /** Returns a chunk; heap chunks are left to the garbage collector. */
    void release(ByteBuffer chunk) {
        if (chunk.isDirect()) {
            free.addLast(chunk);
        }
    }

    /** Direct chunks allocated so far (for tests and reports). */
    public int allocatedDirect() {
        return allocatedDirect;
    }

    /** Direct chunks waiting in the pool. */
    public int pooled() {
        return free.size();
    }
}
