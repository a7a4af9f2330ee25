package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

import org.jasyncio.internal.io.Pollable;

/**
 * A stream endpoint over a selectable JDK channel: a {@link SocketChannel} (both ways), a
 * {@code Pipe.SourceChannel} (read only) or a {@code Pipe.SinkChannel} (write only).
 * Every backend can watch it.
 */
final class ChannelEndpoint implements StreamEndpoint {
    private final SelectableChannel channel;
    private final ReadableByteChannel in;
    private final GatheringByteChannel out;
    private final Pollable pollable;

    ChannelEndpoint(SelectableChannel channel) {
        this.channel = channel;
        this.in = channel instanceof ReadableByteChannel r ? r : null;
        this.out = channel instanceof GatheringByteChannel g ? g : null;
        if (in == null && out == null) {
            throw new IllegalArgumentException(channel + " can neither be read nor written");
        }
        this.pollable = Pollable.of(channel);
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
        return in.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (out == null) {
            throw new NonWritableChannelException();
        }
        return out.write(src);
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
