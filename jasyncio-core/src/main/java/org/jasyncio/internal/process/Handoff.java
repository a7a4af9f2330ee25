package org.jasyncio.internal.process;

import org.jasyncio.loop.EventLoop;

/** How a helper thread hands a result to the loop. */
final class Handoff {
    private Handoff() {
    }

    /**
     * {@code callSoonThreadsafe}, dropping {@code onLoop} when the loop is closed: then the
     * loop has already killed and reaped the child and nobody is left to tell.
     */
    static void post(EventLoop loop, Runnable onLoop) {
        try {
            loop.callSoonThreadsafe(onLoop);
        } catch (IllegalStateException closed) { // EventLoopClosedException is one
            // see above
        }
    }
}
