package org.jasyncio.subprocess;

import java.nio.ByteBuffer;

import org.jasyncio.transport.BaseProtocol;

/**
 * What a subprocess transport calls: asyncio's {@code SubprocessProtocol}. All callbacks
 * run on the loop thread and are no-ops by default.
 *
 * <p>Order: {@code connectionMade}, then data and pipe losses as they happen,
 * {@code processExited} once the child has been reaped, and {@code connectionLost(null)}
 * last, once the child has exited and every pipe is closed.
 */
public interface SubprocessProtocol extends BaseProtocol<SubprocessTransport> {

    /**
     * The child wrote to its stdout ({@code fd == 1}) or stderr ({@code fd == 2}); the
     * bytes lie between {@code data.position()} and {@code data.limit()}, valid only
     * during this call (copy what you keep).
     */
    default void pipeDataReceived(int fd, ByteBuffer data) {
    }

    /**
     * The pipe to the child's {@code fd} (0, 1 or 2) closed: {@code exc} is {@code null}
     * at end of stream or after a regular close, else the error.
     */
    default void pipeConnectionLost(int fd, Throwable exc) {
    }

    /** The child exited (or was killed) and was reaped: the transport's return code is known. */
    default void processExited() {
    }
}
