package org.jasyncio.internal.process;

import java.nio.ByteBuffer;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.BaseTransport;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * The pipes of a posix_spawn child through the loop's public {@code connectReadPipe} and
 * {@code connectWritePipe} on the parent's descriptors, with small protocols that forward
 * to the subprocess transport (asyncio's {@code ReadSubprocessPipeProto} and
 * {@code WriteSubprocessPipeProto}).
 *
 * <p>Ownership: the pipe transport owns the descriptor from its creation on (and closes
 * it when cancelled while starting). The checks that run before it exists (open, a pipe,
 * not watched yet) cannot fail for a pipe the spawner has just made.
 */
public final class LoopPipeConnector implements PipeConnector {
    private final EventLoop loop;

    public LoopPipeConnector(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public BaseTransport connectWrite(int parentEnd, PipeListener listener) {
        return loop.connectWritePipe(() -> new StdinProtocol(listener), parentEnd).transport();
    }

    @Override
    public BaseTransport connectRead(int parentEnd, int fd, PipeListener listener) {
        return loop.connectReadPipe(() -> new OutputProtocol(fd, listener), parentEnd).transport();
    }

    /** The child's stdout or stderr: data and loss go to the subprocess transport; end of file closes the pipe. */
    private record OutputProtocol(int fd, PipeListener listener) implements Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            listener.pipeData(fd, data);
        }

        @Override
        public void connectionLost(Throwable exc) {
            listener.pipeLost(fd, exc);
        }
    }

    /** The child's stdin: loss and flow control go to the subprocess transport. */
    private record StdinProtocol(PipeListener listener) implements BaseProtocol<Transport> {
        @Override
        public void connectionLost(Throwable exc) {
            listener.pipeLost(0, exc);
        }

        @Override
        public void pauseWriting() {
            listener.pipePauseWriting();
        }

        @Override
        public void resumeWriting() {
            listener.pipeResumeWriting();
        }
    }
}
