package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;

import org.jasyncio.internal.io.Pollable;

/**
 * What a stream transport moves bytes through: a JDK channel ({@link ChannelEndpoint}:
 * sockets and {@code Pipe} channels, on every backend) or a raw non-blocking descriptor
 * ({@link FdEndpoint}: pipes, FIFOs, ttys, sockets the JDK cannot open, on the FFM
 * backends). The transports above it are written once against this seam, so a socket,
 * a pipe and a pty behave alike.
 *
 * <p>Non-blocking contract: {@code read} returns 0 when nothing is available and -1 at
 * end of stream; {@code write} returns the bytes the kernel took (0 when full). Errors
 * are {@link IOException}s. Loop thread only.
 */
sealed interface StreamEndpoint extends ByteChannel, GatheringByteChannel permits ChannelEndpoint, FdEndpoint {

    /** What the readiness backend watches. */
    Pollable pollable();

    /** The key under which the loop records the endpoint's owner (a channel or a descriptor number). */
    Object ownerKey();

    /** Half-close: no more writes (sockets only; see {@link #canShutdownOutput()}). */
    void shutdownOutput() throws IOException;

    /** Whether {@link #shutdownOutput()} exists here (a socket), as opposed to a one-way pipe. */
    boolean canShutdownOutput();

    /** What {@code getExtraInfo("socket")} or {@code getExtraInfo("pipe")} returns. */
    Object handle();
}
