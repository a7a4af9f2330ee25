package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

import org.jasyncio.internal.fd.ChannelDescriptors;
import org.jasyncio.internal.ffm.SocketIo;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * A stream endpoint over a selectable JDK channel: a {@link SocketChannel} (both ways), a
 * {@code Pipe.SourceChannel} (read only) or a {@code Pipe.SinkChannel} (write only).
 * Every backend can watch it.
 *
 * <p>Raw-descriptor mode (a socket on an FFM backend, see {@link #forSocket}): reads and
 * single-buffer writes go straight to the socket's descriptor with {@link SocketIo}
 * (critical downcalls, heap buffers in place) instead of through the channel; the
 * channel still owns the descriptor and does everything else (gathering writes, half-close,
 * options, close). Both paths move the same bytes on the same descriptor, so they mix.
 */
final class ChannelEndpoint implements StreamEndpoint {
    private final SelectableChannel channel;
    private final ReadableByteChannel in;
    private final GatheringByteChannel out;
    private final Pollable pollable;
    /** The socket's descriptor in raw-descriptor mode, else -1. */
    private final int rawFd;

    ChannelEndpoint(SelectableChannel channel) {
        this(channel, -1);
    }

    /**
     * The endpoint of a connected, non-blocking socket: in raw-descriptor mode when the
     * loop's backend watches descriptors itself (the FFM backends: the descriptor is known
     * and native calls are allowed), through the JDK otherwise (the nio backend).
     */
    static ChannelEndpoint forSocket(SocketChannel channel, ReadinessBackend backend) {
        return forSocket(channel, backend.watchesRawDescriptors());
    }

    /** {@link #forSocket(SocketChannel, ReadinessBackend)} given whether the backend watches descriptors. */
    static ChannelEndpoint forSocket(SocketChannel channel, boolean backendWatchesDescriptors) {
        if (backendWatchesDescriptors && !channel.isBlocking() && SocketIo.isAvailable()
                && ChannelDescriptors.unavailabilityCause().isEmpty()) {
            return new ChannelEndpoint(channel, ChannelDescriptors.fdOf(channel, "raw socket"));
        }
        return new ChannelEndpoint(channel, -1);
    }

    private ChannelEndpoint(SelectableChannel channel, int rawFd) {
        this.rawFd = rawFd;
        this.channel = channel;
        this.in = channel instanceof ReadableByteChannel r ? r : null;
        this.out = channel instanceof GatheringByteChannel g ? g : null;
        if (in == null && out == null) {
            throw new IllegalArgumentException(channel + " can neither be read nor written");
        }
        this.pollable = Pollable.of(channel);
    }

    /** Whether reads and writes go to the descriptor directly (raw-descriptor mode). */
    boolean isRaw() {
        return rawFd >= 0;
    }

    @Override
    public Pollable pollable() {
        return pollable;
    }

    @Override
    public Object ownerKey() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (in == null) {
            throw new NonReadableChannelException();
        }
        return rawFd >= 0 ? rawRead(dst) : in.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (out == null) {
            throw new NonWritableChannelException();
        }
        return rawFd >= 0 ? rawWrite(src) : out.write(src);
    }

    private int rawRead(ByteBuffer dst) throws IOException {
        ensureOpen();
        return RawSocketIo.read(rawFd, dst);
    }

    private int rawWrite(ByteBuffer src) throws IOException {
        ensureOpen();
        return RawSocketIo.write(rawFd, src);
    }

    /** A closed channel's descriptor may already belong to another file: never touch it then. */
    private void ensureOpen() throws ClosedChannelException {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (out == null) {
            throw new NonWritableChannelException();
        }
        return out.write(srcs, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (channel instanceof SocketChannel s) {
            s.shutdownOutput();
        } else {
            throw new UnsupportedOperationException(channel + " cannot be half-closed");
        }
    }

    @Override
    public boolean canShutdownOutput() {
        return channel instanceof SocketChannel;
    }

    @Override
    public Object handle() {
        return channel;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
