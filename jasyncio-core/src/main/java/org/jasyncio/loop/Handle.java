package org.jasyncio.loop;

import org.jasyncio.context.Context;

/**
 * A callback scheduled on a loop ({@link EventLoop#callSoon}): asyncio's {@code Handle}.
 * Cancelling it before it runs means it never runs.
 */
public interface Handle {
    /** Stops the callback from running; does nothing if it already ran or was cancelled. */
    void cancel();

    /** Whether {@link #cancel()} was called. */
    boolean cancelled();

    /** The context the callback runs in. */
    Context getContext();
}
