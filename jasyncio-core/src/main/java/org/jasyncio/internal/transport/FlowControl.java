package org.jasyncio.internal.transport;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.WriteBufferLimits;

/**
 * Write flow control shared by the transports (asyncio's {@code _FlowControlMixin}, by
 * composition): calls the protocol's {@code pauseWriting()} once the buffer grows above
 * the high-water mark and {@code resumeWriting()} once it drains to the low-water mark.
 * What those callbacks throw goes to the loop's exception handler.
 */
final class FlowControl {
    private int low = WriteBufferLimits.DEFAULT.low();
    private int high = WriteBufferLimits.DEFAULT.high();
    private boolean paused;

    WriteBufferLimits limits() {
        return new WriteBufferLimits(low, high);
    }

    void setLimits(WriteBufferLimits limits) {
        low = limits.low();
        high = limits.high();
    }

    boolean isPaused() {
        return paused;
    }

    void maybePause(long size, BaseProtocol<?> protocol, EventLoop loop, Object transport) {
        if (size <= high || paused) {
            return;
        }
        paused = true;
        try {
            protocol.pauseWriting();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            loop.callExceptionHandler(ExceptionContext.of("protocol.pause_writing() failed", t)
                    .with(ExceptionContext.TRANSPORT, transport).with(ExceptionContext.PROTOCOL, protocol));
        }
    }

    void maybeResume(long size, BaseProtocol<?> protocol, EventLoop loop, Object transport) {
        if (!paused || size > low) {
            return;
        }
        paused = false;
        try {
            protocol.resumeWriting();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            loop.callExceptionHandler(ExceptionContext.of("protocol.resume_writing() failed", t)
                    .with(ExceptionContext.TRANSPORT, transport).with(ExceptionContext.PROTOCOL, protocol));
        }
    }
}
