package org.jasyncio.internal.unix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.UnixSockets;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.transport.DatagramIo;
import org.jasyncio.net.AbstractUnixAddress;

/**
 * An AF_UNIX datagram socket on a raw, non-blocking descriptor: what the JDK has no
 * channel for ({@code DatagramChannel} refuses the UNIX family). Receives and sends one
 * datagram per call, with the sender or destination as a public address type
 * ({@link UnixNames}). Failures are {@link IOException}s carrying the C library's text, so
 * the transport maps them like the JDK's own.
 *
 * <p>Loop thread only. Heap buffers go through one native scratch segment, grown as
 * needed; the loop's direct read buffer is used as is.
 */
final class UnixDatagramSocket implements DatagramIo {
    private final int fd;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Arena arena = Arena.ofShared();
    private final byte[][] from = new byte[1][];
    private MemorySegment scratch = MemorySegment.NULL;
    private boolean closed;

    /** Takes {@code fd} (bound and/or connected, or neither); closing this closes it. */
    UnixDatagramSocket(int fd, SocketAddress remote) {
        this.fd = fd;
        this.remote = remote;
        SocketAddress name;
        try {
            name = UnixNames.decode(UnixSockets.localName(fd));
        } catch (ErrnoException e) {
            name = null;
        }
        this.local = name;
    }

    @Override
    public Pollable pollable() {
        return Pollable.of(fd);
    }

    @Override
    public Object ownerKey() {
        return this;
    }

    /** The descriptor number, for {@code getExtraInfo("socket")} (there is no JDK channel to give). */
    @Override
    public Object socket() {
        return fd;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void checkDestination(SocketAddress target) {
        if (!(target instanceof java.net.UnixDomainSocketAddress) && !(target instanceof AbstractUnixAddress)) {
            throw new IllegalArgumentException("an AF_UNIX datagram endpoint sends to a path "
                    + "(UnixDomainSocketAddress) or an AbstractUnixAddress, not " + target);
        }
    }

    boolean isConnected() {
        return remote != null;
    }

    /**
     * Receives one datagram into {@code buf} (from its position; the rest of a longer
     * datagram is dropped, as {@code recvfrom} does): the sender, or {@code null} when
     * none is queued.
     */
    @Override
    public SocketAddress receive(ByteBuffer buf) throws IOException {
        int room = buf.remaining();
        MemorySegment target = buf.isDirect() ? MemorySegment.ofBuffer(buf) : scratch(room);
        long n;
        try {
            n = UnixSockets.recvfrom(fd, target, room, from);
        } catch (ErrnoException e) {
            throw io(e);
        }
        if (n < 0) {
            return null;
        }
        int got = (int) Math.min(n, room);
        if (!buf.isDirect()) {
            MemorySegment.copy(target, ValueLayout.JAVA_BYTE, 0, buf.array(), buf.arrayOffset() + buf.position(), got);
        }
        buf.position(buf.position() + got);
        return UnixNames.decode(from[0]);
    }

    /**
     * Sends the rest of {@code data} as one datagram to {@code target} (ignored when
     * connected): the bytes sent (all of them), or 0 when the socket cannot take it now.
     */
    @Override
    public int send(ByteBuffer data, SocketAddress target) throws IOException {
        int len = data.remaining();
        MemorySegment source;
        if (data.isDirect()) {
            source = MemorySegment.ofBuffer(data);
        } else {
            source = scratch(len);
            MemorySegment.copy(MemorySegment.ofBuffer(data), 0, source, 0, len);
        }
        long n;
        try {
            n = UnixSockets.sendto(fd, source, len, isConnected() ? null : UnixNames.encode(target));
        } catch (ErrnoException e) {
            throw io(e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (n < 0) {
            return 0;
        }
        data.position(data.position() + (int) n);
        return (int) n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Libc.close(fd);
        } finally {
            arena.close();
        }
    }

    private MemorySegment scratch(int size) {
        if (scratch.byteSize() < size) {
            scratch = arena.allocate(Math.max(size, Math.max(2048, scratch.byteSize() * 2)));
        }
        return scratch;
    }

    private static IOException io(ErrnoException e) {
        return new IOException(e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "<AF_UNIX datagram fd=" + fd + " local=" + local + (remote != null ? " remote=" + remote : "") + ">";
    }
}
