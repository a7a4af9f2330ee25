package org.jasyncio.subprocess;

import org.jasyncio.transport.BaseTransport;

/**
 * A running (or finished) child process and the pipes to it: asyncio's
 * {@code SubprocessTransport}. Loop thread only.
 *
 * <p>{@link #close()} closes the pipes and kills the child if it still runs (as asyncio
 * does); the child is reaped in either case, so closing never leaves a zombie.
 */
public interface SubprocessTransport extends BaseTransport {

    /** The child's process id. */
    int getPid();

    /**
     * The child's exit status once it has been reaped: its exit code, or {@code -signal}
     * when a signal ended it (as asyncio's {@code returncode}); {@code null} while it runs.
     */
    Integer getReturncode();

    /**
     * The transport of the pipe to the child's descriptor {@code fd}: a
     * {@link org.jasyncio.transport.WriteTransport} for 0, a
     * {@link org.jasyncio.transport.ReadTransport} for 1 and 2; {@code null} when that
     * descriptor was not a {@link Stdio#PIPE}.
     */
    BaseTransport getPipeTransport(int fd);

    /**
     * Sends signal number {@code signal} (POSIX numbering: 15 is SIGTERM) to the child.
     * Does nothing once the child has been reaped (its pid may belong to another process
     * by then).
     *
     * @throws ProcessLookupException if the transport is closed
     * @throws UnsupportedOperationException for a signal the platform's child handle cannot send
     *         (the threaded strategy sends SIGTERM and SIGKILL only)
     */
    void sendSignal(int signal);

    /** Sends SIGTERM ({@link #sendSignal} with 15). */
    void terminate();

    /** Sends SIGKILL ({@link #sendSignal} with 9). */
    void kill();
}
