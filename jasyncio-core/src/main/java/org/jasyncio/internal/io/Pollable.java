package org.jasyncio.internal.io;

import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * Something a readiness backend can watch: a JDK channel (every backend) or a raw file
 * descriptor (the FFM backends only).
 */
public sealed interface Pollable permits Pollable.OfChannel, Pollable.OfFd {

    /** A selectable JDK channel; backends put it in non-blocking mode. */
    record OfChannel(SelectableChannel channel) implements Pollable {
        public OfChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** A raw descriptor: a socket, pipe, FIFO, tty, eventfd, pidfd ... never a regular file. */
    record OfFd(int fd) implements Pollable {
        public OfFd {
            if (fd < 0) {
                throw new IllegalArgumentException("invalid file descriptor: " + fd);
            }
        }
    }

    static Pollable of(SelectableChannel channel) {
        return new OfChannel(channel);
    }

    static Pollable of(int fd) {
        return new OfFd(fd);
    }
}
