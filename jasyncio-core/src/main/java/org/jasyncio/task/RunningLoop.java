package org.jasyncio.task;

import org.jasyncio.internal.core.ExecState;
import org.jasyncio.loop.EventLoop;

/** The running loop, for the task API (which must not depend on the {@code AsyncIO} facade above it). */
final class RunningLoop {
    private RunningLoop() {
    }

    /** The loop running the caller (a task or a callback), or an exception saying there is none. */
    static EventLoop require() {
        ExecState state = ExecState.peek();
        if (state == null || state.loop() == null) {
            throw new IllegalStateException("no running event loop on " + Thread.currentThread()
                    + ": call this inside a task or a callback of a running loop");
        }
        return state.loop();
    }
}
