package org.jasyncio.internal.transport;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.SocketIo;

/**
 * A non-blocking socket descriptor read and written in place (direct or heap buffers,
 * no copy) with {@link SocketIo}, under the channel contract the stream endpoints keep
 * ({@code read}: -1 at end of stream, 0 when nothing is there; {@code write}: the bytes
 * taken, 0 when full), and the mapping of raw results onto a buffer that the descriptor
 * endpoints share. Loop thread only; the caller checks the descriptor is still open.
 */
final class RawSocketIo {
    private RawSocketIo() {
    }

    static int read(int fd, ByteBuffer dst) throws IOException {
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        try {
            return afterRead(dst, SocketIo.read(fd, MemorySegment.ofBuffer(dst), want));
        } catch (ErrnoException e) {
            throw e.getCause();
        }
    }

    static int write(int fd, ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        try {
            return afterWrite(src, SocketIo.send(fd, MemorySegment.ofBuffer(src), len));
        } catch (ErrnoException e) {
            throw e.getCause();
        }
    }

    /**
     * A raw read's result ({@code n} bytes, 0 at end of stream, -1 would block) in the
     * channel contract; advances {@code dst} past what was read into it.
     */
    static int afterRead(ByteBuffer dst, long n) {
        if (n > 0) {
            dst.position(dst.position() + (int) n);
            return (int) n;
        }
        return n == 0 ? -1 : 0;
    }

    /** A raw write's result ({@code n} bytes, -1 would block): consumes {@code src} by what was taken. */
    static int afterWrite(ByteBuffer src, long n) {
        if (n <= 0) {
            return 0;
        }
        src.position(src.position() + (int) n);
        return (int) n;
    }
}
