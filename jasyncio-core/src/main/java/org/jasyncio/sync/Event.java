package org.jasyncio.sync;

import java.util.ArrayDeque;

import org.jasyncio.task.Future;

/**
 * A flag tasks can wait for: asyncio's {@code Event}. {@link #set()} wakes every waiting
 * task; while set, {@link #await()} returns at once; {@link #clear()} lowers it again.
 *
 * <p>{@code await()} stands for asyncio's {@code wait()}: Java's {@code Object.wait()}
 * takes the name. Threading: loop-confined (see the package comment).
 */
public final class Event {
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private final LoopBinding binding = new LoopBinding();
    private boolean value;

    /** An event that is not set. */
    public Event() {
    }

    /** Whether the flag is set (asyncio's {@code is_set()}). */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every task waiting for it. */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Void> w : waiters) {
                if (!w.done()) {
                    w.setResult(null);
                }
            }
        }
    }

    /** Lowers the flag: later {@link #await()} calls wait for the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /** Waits until the flag is set; returns at once when it already is. */
    public void await() {
        if (value) {
            return;
        }
        Waiters.awaitTurn(waiters, binding.loop(this).createFuture());
    }

    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Event [" + extra + "]>";
    }
}
