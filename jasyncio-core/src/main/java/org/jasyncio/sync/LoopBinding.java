package org.jasyncio.sync;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;

/**
 * The loop a primitive belongs to, bound on first need: asyncio's {@code _LoopBoundMixin}.
 * A primitive made outside any loop binds to the loop of the first task that waits on it.
 */
final class LoopBinding {
    private EventLoop loop;

    /** The running loop, which must be the one this primitive is bound to (binding it if new). */
    EventLoop loop(Object owner) {
        EventLoop running = AsyncIO.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(owner + " is bound to a different event loop");
        }
        return loop;
    }
}
