package org.jasyncio.internal.fd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;

import org.jasyncio.internal.ffm.Errno;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.io.Pollable;

/**
 * A {@link Pollable} resolved to the descriptor an FFM backend watches, after the checks
 * every FFM backend makes: a channel is open and non-blocking; a raw descriptor is open
 * and is not a regular file, directory or block device (those are always ready: epoll
 * refuses them with EPERM, poll and select would report them ready forever).
 *
 * @param fd      the descriptor
 * @param channel the JDK channel it belongs to, or {@code null} for a raw descriptor
 */
public record FdSource(int fd, SelectableChannel channel) {

    /** Resolves {@code source} for the backend named {@code backend}, or says why it cannot be watched. */
    public static FdSource resolve(Pollable source, String backend) {
        return switch (source) {
            case Pollable.OfChannel(SelectableChannel channel) -> ofChannel(channel, backend);
            case Pollable.OfFd(int fd) -> ofDescriptor(fd, backend);
        };
    }

    private static FdSource ofChannel(SelectableChannel channel, String backend) {
        if (!channel.isOpen()) {
            throw new IllegalStateException("cannot watch a closed channel: " + channel);
        }
        int fd = ChannelDescriptors.fdOf(channel, backend);
        try {
            channel.configureBlocking(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new IllegalStateException("cannot watch a closed channel: " + channel, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + channel + " non-blocking", e);
        }
        return new FdSource(fd, channel);
    }

    private static FdSource ofDescriptor(int fd, String backend) {
        int mode;
        try {
            mode = Libc.fstatMode(fd);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EBADF) {
                throw new IllegalArgumentException("file descriptor " + fd + " is not open", e);
            }
            throw e;
        }
        String refused = switch (mode & Libc.S_IFMT) {
            case Libc.S_IFREG -> "it is a regular file";
            case Libc.S_IFDIR -> "it is a directory";
            case Libc.S_IFBLK -> "it is a block device";
            default -> null;
        };
        if (refused != null) {
            throw new UnsupportedOperationException("the " + backend + " backend (" + Native.platform()
                    + ") cannot watch file descriptor " + fd + ": " + refused + ". " + ALWAYS_READY);
        }
        return new FdSource(fd, null);
    }

    /** Why files cannot be watched, and what to do instead: the seed's "All Platforms" rule. */
    public static final String ALWAYS_READY = "Regular files (and directories and block devices) are always "
            + "ready for reading and writing, so no readiness backend can watch them: epoll refuses them (EPERM), "
            + "poll and select would report them ready forever. Do file I/O in a thread instead: "
            + "loop.runInExecutor(null, ...) (asyncio's to_thread).";

    /** Whether this source is a channel that has been closed since it was resolved. */
    public boolean isClosedChannel() {
        return channel != null && !channel.isOpen();
    }
}
