package org.jasyncio.internal.process;

import org.jasyncio.transport.BaseTransport;

/**
 * How the loop turns the parent end of a child's pipe (a non-blocking descriptor) into a
 * transport that reports to the subprocess transport: the loop's own
 * {@code connectReadPipe}/{@code connectWritePipe}, as asyncio's
 * {@code _connect_pipes} uses them. Awaiting; the transport owns the descriptor from the
 * call on.
 */
public interface PipeConnector {

    /** The child's stdin: a write pipe over {@code parentEnd}. */
    BaseTransport connectWrite(int parentEnd, PipeListener listener);

    /** The child's stdout ({@code fd == 1}) or stderr (2): a read pipe over {@code parentEnd}. */
    BaseTransport connectRead(int parentEnd, int fd, PipeListener listener);
}
