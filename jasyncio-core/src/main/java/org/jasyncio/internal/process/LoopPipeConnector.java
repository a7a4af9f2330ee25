package org.jasyncio.internal.process;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.transport.BaseTransport;

/**
 * The loop's pipes for a posix_spawn child: {@code connectReadPipe}/{@code connectWritePipe}
 * over the parent's descriptors (INTERIM until those land on main: refuses, closing the end).
 */
public final class LoopPipeConnector implements PipeConnector {
    private final EventLoop loop;

    public LoopPipeConnector(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public BaseTransport connectWrite(int parentEnd, PipeListener listener) {
        PosixSpawner.closeQuietly(parentEnd);
        throw new UnsupportedOperationException("pipes to a posix_spawn child need " + loop
                + ".connectWritePipe(int fd), not in this build yet");
    }

    @Override
    public BaseTransport connectRead(int parentEnd, int fd, PipeListener listener) {
        PosixSpawner.closeQuietly(parentEnd);
        throw new UnsupportedOperationException("pipes to a posix_spawn child need " + loop
                + ".connectReadPipe(int fd), not in this build yet");
    }
}
