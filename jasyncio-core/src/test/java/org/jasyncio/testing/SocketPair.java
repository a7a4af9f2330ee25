package org.jasyncio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Two connected TCP channels over the loopback interface (Java's {@code socket.socketpair()}),
 * both non-blocking. Closes both.
 */
public final class SocketPair implements AutoCloseable {
    public final SocketChannel left;
    public final SocketChannel right;

    public SocketPair() {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel a = SocketChannel.open(server.getLocalAddress());
            SocketChannel b = server.accept();
            a.configureBlocking(false);
            b.configureBlocking(false);
            this.left = a;
            this.right = b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void send(SocketChannel channel, String text) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is there to read: text, {@code null} at end of stream, "" if nothing yet. */
    public static String receive(SocketChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n = channel.read(buf);
            if (n < 0) {
                return null;
            }
            return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            left.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            right.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
