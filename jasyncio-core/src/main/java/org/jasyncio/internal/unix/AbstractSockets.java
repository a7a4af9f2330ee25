package org.jasyncio.internal.unix;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.jasyncio.AsyncIO;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.UnixSockets;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.AddressInUseException;
import org.jasyncio.net.NetworkException;

/**
 * Stream sockets on Linux abstract-namespace names: made, bound, listened on and
 * connected through FFM, then handed over as JDK channels ({@link ChannelAdoption}).
 * There is no file, so nothing is stale and nothing needs cleaning up.
 */
final class AbstractSockets {
    /** Longest pause between connect attempts while the listener's queue is full. */
    private static final double MAX_RETRY_SECONDS = 0.05;

    private AbstractSockets() {
    }

    /** A listening JDK channel bound to {@code name}. */
    static ServerSocketChannel listen(AbstractUnixAddress name, int backlog) {
        int fd = UnixSockets.socket(UnixSockets.SOCK_STREAM);
        try {
            UnixSockets.bind(fd, UnixNames.encode(name));
            UnixSockets.listen(fd, backlog);
            ServerSocketChannel channel = ChannelAdoption.listening(fd);
            fd = -1;
            try {
                channel.configureBlocking(false);
            } catch (IOException e) {
                closeQuietly(channel);
                throw NetErrors.map(e);
            }
            return channel;
        } catch (ErrnoException e) {
            if (e.errno() == UnixSockets.EADDRINUSE) {
                throw new AddressInUseException("Address " + name + " is already in use: another socket is bound "
                        + "to this abstract name; choose another name", e.getCause());
            }
            throw map(e, "cannot listen on " + name);
        } finally {
            closeQuietly(fd);
        }
    }

    /**
     * A connected JDK channel to {@code name}. Awaiting: when the listener's queue is full
     * (Linux answers {@code EAGAIN} for AF_UNIX, with no readiness to wait for), the
     * attempt is repeated after short sleeps until it is accepted, fails, or the task is
     * cancelled.
     */
    static SocketChannel connect(AbstractUnixAddress name) {
        int fd = UnixSockets.socket(UnixSockets.SOCK_STREAM);
        try {
            byte[] encoded = UnixNames.encode(name);
            double pause = 0.001;
            while (!UnixSockets.connect(fd, encoded)) {
                AsyncIO.sleep(pause);
                pause = Math.min(pause * 2, MAX_RETRY_SECONDS);
            }
            SocketChannel channel = ChannelAdoption.connected(fd);
            fd = -1;
            try {
                channel.configureBlocking(false);
            } catch (IOException e) {
                closeQuietly(channel);
                throw NetErrors.map(e);
            }
            return channel;
        } catch (ErrnoException e) {
            throw map(e, "Connect call failed " + name);
        } finally {
            closeQuietly(fd);
        }
    }

    /** A failed libc call as the {@code NetworkException} family (refused, reset, ...). */
    static NetworkException map(ErrnoException e, String context) {
        return NetErrors.map(new IOException(e.getMessage(), e), context);
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                Libc.close(fd);
            } catch (ErrnoException ignored) {
                // released either way
            }
        }
    }
}
