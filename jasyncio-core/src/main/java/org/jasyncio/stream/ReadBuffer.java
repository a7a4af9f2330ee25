package org.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds: one growable array with a read index
 * ({@code head}) and a write index ({@code tail}).
 *
 * <p>Design note (speed): asyncio's {@code bytearray} deletes from the front on every
 * read, which memmoves the rest. Here reads only advance {@code head}; the live bytes are
 * moved to the front (compaction) only when the array's end is reached and at most half
 * of the array is live, so each byte is moved O(1) times on average. Growth doubles the
 * array. When a read empties the buffer both indexes return to 0 for free, which is the
 * common case of a request/response protocol, where moreover a chunk arriving into an
 * empty buffer gets an array of its own exact size ({@link #SMALL_CAPACITY}), handed out
 * as it is by a read of all of it: one copy in, none out. An array larger than
 * {@link #KEEP_CAPACITY} is dropped once empty so that a connection that once received a
 * big burst does not hold it forever.
 *
 * <p>Searches start from an offset the caller keeps, so a reader waiting for a separator
 * scans each byte once however many chunks arrive (no quadratic rescans).
 */
final class ReadBuffer {
    private static final byte[] NONE = new byte[0];
    /** The smallest array allocated. */
    static final int MIN_CAPACITY = 2048;
    /** Arrays up to this size are kept when the buffer empties (the transports read up to 256 KiB at once). */
    static final int KEEP_CAPACITY = 512 * 1024;
    /**
     * An empty buffer whose array is at most this large gives the next chunk an array of
     * its own, of the chunk's exact size, instead of copying it into the array it has: a
     * read that takes all of it (a request/response exchange) then hands that array out
     * without a copy, and an idle connection holds no array. Larger arrays, kept from
     * earlier bursts, are reused (and read into in place, see {@link #room}).
     */
    static final int SMALL_CAPACITY = 16 * 1024;

    private byte[] data = NONE;
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return tail == head;
    }

    /** Copies the remaining bytes of {@code src} in, consuming it. */
    void append(ByteBuffer src) {
        int n = src.remaining();
        prepare(n);
        src.get(data, tail, n);
        tail += n;
    }

    void append(byte[] src, int offset, int length) {
        prepare(length);
        System.arraycopy(src, offset, data, tail, length);
        tail += length;
    }

    /** Room for {@code n} more bytes: an exact array of their own when empty and small, else {@link #ensureRoom}. */
    private void prepare(int n) {
        if (head == tail && data.length <= SMALL_CAPACITY) {
            data = new byte[n];
            head = 0;
            tail = 0;
            return;
        }
        ensureRoom(n);
    }

    private void ensureRoom(int n) {
        if (data.length - tail >= n) {
            return;
        }
        int size = tail - head;
        long needed = (long) size + n;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("a stream buffer cannot hold more than 2 GiB (" + needed + " bytes asked)");
        }
        if (needed <= data.length && size <= data.length / 2) {
            System.arraycopy(data, head, data, 0, size);
        } else {
            long grown = Math.max(needed, Math.max(MIN_CAPACITY, 2L * data.length));
            byte[] next = new byte[(int) Math.min(grown, Integer.MAX_VALUE - 16)];
            System.arraycopy(data, head, next, 0, size);
            data = next;
        }
        head = 0;
        tail = size;
    }

    /**
     * The free room after the buffered bytes as a buffer to read into (position at the
     * first free byte), or {@code null} when it is smaller than {@code min}. The caller
     * fills it and calls {@link #commit} before anything else touches this buffer.
     */
    ByteBuffer room(int min) {
        int free = data.length - tail;
        return free < min ? null : ByteBuffer.wrap(data, tail, free);
    }

    /** {@code n} bytes were put at the start of the room {@link #room} lent. */
    void commit(int n) {
        tail += n;
    }

    /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
    byte[] take(int n) {
        if (head == 0 && n == tail && n == data.length && n > 0) {
            // Everything, in an array holding exactly it: hand the array over.
            byte[] out = data;
            data = NONE;
            tail = 0;
            return out;
        }
        byte[] out = Arrays.copyOfRange(data, head, head + n);
        skip(n);
        return out;
    }

    /** Removes and returns everything. */
    byte[] takeAll() {
        return take(size());
    }

    /** Drops the first {@code n} bytes ({@code n <= size()}). */
    void skip(int n) {
        head += n;
        if (head == tail) {
            clear();
        }
    }

    void clear() {
        head = 0;
        tail = 0;
        if (data.length > KEEP_CAPACITY) {
            data = NONE;
        }
    }

    /** The index (relative to the first byte) of {@code b} at or after {@code from}, or -1. */
    int indexOf(byte b, int from) {
        byte[] d = data;
        for (int i = head + from, end = tail; i < end; i++) {
            if (d[i] == b) {
                return i - head;
            }
        }
        return -1;
    }

    /** The index (relative to the first byte) of {@code sep} at or after {@code from}, or -1. */
    int indexOf(byte[] sep, int from) {
        if (sep.length == 1) {
            return indexOf(sep[0], from);
        }
        byte first = sep[0];
        int last = tail - sep.length;
        byte[] d = data;
        outer:
        for (int i = head + from; i <= last; i++) {
            if (d[i] != first) {
                continue;
            }
            for (int k = 1; k < sep.length; k++) {
                if (d[i + k] != sep[k]) {
                    continue outer;
                }
            }
            return i - head;
        }
        return -1;
    }

    /** Whether the bytes at relative index {@code at} are {@code prefix}. */
    boolean startsWith(byte[] prefix, int at) {
        if (at < 0 || size() - at < prefix.length) {
            return false;
        }
        return Arrays.equals(data, head + at, head + at + prefix.length, prefix, 0, prefix.length);
    }

    /** A copy of the buffered bytes, leaving them in place (for tests and diagnostics). */
    byte[] snapshot() {
        return Arrays.copyOfRange(data, head, tail);
    }
}
