package org.jasyncio.internal.pipe;

import java.nio.channels.Pipe;
import java.util.function.Supplier;

import org.jasyncio.context.Context;
import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.ffm.Errno;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.PipeReadTransport;
import org.jasyncio.internal.transport.PipeWriteTransport;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.ReadPipe;
import org.jasyncio.transport.StreamProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;

/**
 * The loop's pipe operations (asyncio's {@code connect_read_pipe} and
 * {@code connect_write_pipe}): check what was given before anything is consumed, make
 * the protocol and the transport, and wait until {@code connectionMade} has run.
 *
 * <p>What may be connected follows asyncio's {@code unix_events}: a pipe, FIFO, socket or
 * character device. A regular file (or directory, or block device) is refused: it is
 * always "ready", so a readiness loop would spin on it, and its data is better read with
 * file I/O in a thread.
 */
public final class PipeOps {
    private final IoContext io;
    private final EventLoop loop;

    public PipeOps(IoContext io) {
        this.io = io;
        this.loop = io.loop();
    }

    public <P extends StreamProtocol> ReadPipe<P> connectReadPipe(Supplier<? extends P> factory,
            Pipe.SourceChannel pipe) {
        Awaiting.require(loop, "connectReadPipe");
        checkOpen(pipe);
        P protocol = Awaiting.makeProtocol(factory, null);
        Future<Void> waiter = loop.createFuture();
        PipeReadTransport t = PipeReadTransport.over(io, pipe, protocol, waiter, Context.copyCurrent());
        Awaiting.awaitStarted(waiter, t);
        return new ReadPipe<>(t, protocol);
    }

    public <P extends StreamProtocol> ReadPipe<P> connectReadPipe(Supplier<? extends P> factory, int fd) {
        Awaiting.require(loop, "connectReadPipe");
        checkDescriptor(fd, "connectReadPipe");
        P protocol = Awaiting.makeProtocol(factory, null);
        makeNonBlocking(fd);
        Future<Void> waiter = loop.createFuture();
        PipeReadTransport t = PipeReadTransport.overDescriptor(io, fd, protocol, waiter, Context.copyCurrent());
        Awaiting.awaitStarted(waiter, t);
        return new ReadPipe<>(t, protocol);
    }

    public <P extends BaseProtocol<? super Transport>> WritePipe<P> connectWritePipe(Supplier<? extends P> factory,
            Pipe.SinkChannel pipe) {
        Awaiting.require(loop, "connectWritePipe");
        checkOpen(pipe);
        P protocol = Awaiting.makeProtocol(factory, null);
        Future<Void> waiter = loop.createFuture();
        PipeWriteTransport t = PipeWriteTransport.over(io, pipe, protocol, waiter, Context.copyCurrent());
        awaitStarted(waiter, t);
        return new WritePipe<>(t, protocol);
    }

    public <P extends BaseProtocol<? super Transport>> WritePipe<P> connectWritePipe(Supplier<? extends P> factory,
            int fd) {
        Awaiting.require(loop, "connectWritePipe");
        int type = checkDescriptor(fd, "connectWritePipe");
        P protocol = Awaiting.makeProtocol(factory, null);
        makeNonBlocking(fd);
        Future<Void> waiter = loop.createFuture();
        // asyncio watches the write end for reading only where the kernel reports the
        // reader's close that way: pipes/FIFOs and sockets, not terminals.
        boolean watchPeer = type == Libc.S_IFIFO || type == Libc.S_IFSOCK;
        PipeWriteTransport t = PipeWriteTransport.overDescriptor(io, fd, watchPeer, protocol, waiter,
                Context.copyCurrent());
        awaitStarted(waiter, t);
        return new WritePipe<>(t, protocol);
    }

    /** A write pipe's close flushes first; a cancelled wait must drop everything at once. */
    private static void awaitStarted(Future<Void> waiter, PipeWriteTransport transport) {
        try {
            waiter.await();
        } catch (Throwable t) {
            transport.abort();
            throw t;
        }
    }

    private static void checkOpen(java.nio.channels.Channel pipe) {
        if (!pipe.isOpen()) {
            throw new IllegalArgumentException("the pipe " + pipe + " is closed");
        }
    }

    /**
     * Refuses, before anything is consumed, what cannot be a pipe transport; returns the
     * descriptor's file type ({@code st_mode & S_IFMT}).
     */
    private int checkDescriptor(int fd, String operation) {
        requireRawDescriptors(operation);
        if (io.ownerOf(fd) != null) {
            throw new IllegalArgumentException("file descriptor " + fd + " is already used by " + io.ownerOf(fd));
        }
        int mode;
        try {
            mode = Libc.fstatMode(fd);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EBADF) {
                throw new IllegalArgumentException(operation + "(): file descriptor " + fd + " is not open", e);
            }
            throw e;
        }
        int type = mode & Libc.S_IFMT;
        String refused = switch (type) {
            case Libc.S_IFIFO, Libc.S_IFSOCK, Libc.S_IFCHR -> null;
            case Libc.S_IFREG -> "a regular file";
            case Libc.S_IFDIR -> "a directory";
            case Libc.S_IFBLK -> "a block device";
            default -> "not a pipe, socket or character device";
        };
        if (refused != null) {
            throw new IllegalArgumentException(operation + "(): file descriptor " + fd + " is " + refused
                    + "; a pipe transport is only for pipes, FIFOs, sockets and character devices (asyncio's rule). "
                    + "A regular file is always ready, so no loop can wait for it: read or write it in a thread "
                    + "with loop.runInExecutor(null, ...)");
        }
        return type;
    }

    private void requireRawDescriptors(String operation) {
        if (!loop.supports(Capability.RAW_FILE_DESCRIPTORS)) {
            throw new UnsupportedOperationException(operation + "() with a raw file descriptor: "
                    + loop.whyNot(Capability.RAW_FILE_DESCRIPTORS).orElse("")
                    + ". On this loop connect a java.nio.channels.Pipe end instead");
        }
    }

    private static void makeNonBlocking(int fd) {
        int flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        if ((flags & Libc.O_NONBLOCK) == 0) {
            Libc.fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK);
        }
    }

    /** The capability answers of this feature. */
    public static CapabilityProvider capabilities() {
        return new PipeCapabilities();
    }
}
