package org.jasyncio.internal.transport;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Sockets;
import org.jasyncio.internal.io.Pollable;

/**
 * A stream endpoint over a raw non-blocking descriptor, read and written with FFM
 * {@code read(2)}/{@code write(2)}: pipes and FIFOs, ttys and ptys, and sockets the JDK
 * cannot open (abstract Unix names). Only the FFM backends can watch it. Sockets are
 * read and written in place with {@link RawSocketIo} (heap buffers too).
 *
 * <p>The endpoint owns the descriptor: {@link #close} closes it once. Heap buffers go
 * through the loop's direct scratch buffer (a native call needs native memory); direct
 * buffers are read into and written from in place.
 */
final class FdEndpoint implements StreamEndpoint {
    private final int fd;
    private final boolean socket;
    private final Object handle;
    private final ByteBuffer scratch;
    private final Pollable pollable;
    private boolean closed;

    /**
     * @param fd      a non-blocking descriptor the endpoint now owns
     * @param socket  whether it is a socket (half-close with {@code shutdown(SHUT_WR)})
     * @param handle  what {@code getExtraInfo} reports for it (the caller's object, or the number)
     * @param scratch a direct buffer for heap data (loop thread only, shared)
     */
    FdEndpoint(int fd, boolean socket, Object handle, ByteBuffer scratch) {
        this.fd = fd;
        this.socket = socket;
        this.handle = handle;
        this.scratch = scratch;
        this.pollable = Pollable.of(fd);
    }

    int fd() {
        return fd;
    }

    @Override
    public Pollable pollable() {
        return pollable;
    }

    @Override
    public Object ownerKey() {
        return fd;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (socket) {
            return RawSocketIo.read(fd, dst);
        }
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        long n;
        try {
            if (dst.isDirect()) {
                n = Libc.read(fd, MemorySegment.ofBuffer(dst), want);
            } else {
                ByteBuffer s = scratch.clear().limit(Math.min(want, scratch.capacity()));
                n = Libc.read(fd, MemorySegment.ofBuffer(s), s.remaining());
                if (n > 0) {
                    dst.put(dst.position(), s, 0, (int) n);
                }
            }
        } catch (ErrnoException e) {
            throw e.getCause();
        }
        return RawSocketIo.afterRead(dst, n);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        if (socket) {
            return RawSocketIo.write(fd, src);
        }
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        long n;
        try {
            if (src.isDirect()) {
                n = Libc.write(fd, MemorySegment.ofBuffer(src), len);
            } else {
                int k = Math.min(len, scratch.capacity());
                ByteBuffer s = scratch.clear().put(0, src, src.position(), k).limit(k);
                n = Libc.write(fd, MemorySegment.ofBuffer(s), k);
            }
        } catch (ErrnoException e) {
            throw e.getCause();
        }
        return RawSocketIo.afterWrite(src, n);
    }

    /** Writes the buffers in order until the descriptor stops taking bytes. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = srcs[i];
            int want = b.remaining();
            int n = write(b);
            total += n;
            if (n < want) {
                break;
            }
        }
        return total;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (!socket) {
            throw new UnsupportedOperationException("descriptor " + fd + " is not a socket and cannot be half-closed");
        }
        ensureOpen();
        try {
            Sockets.shutdownWrite(fd);
        } catch (ErrnoException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean canShutdownOutput() {
        return socket;
    }

    @Override
    public Object handle() {
        return handle;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Libc.close(fd);
        } catch (ErrnoException e) {
            throw e.getCause();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "fd " + fd;
    }
}
