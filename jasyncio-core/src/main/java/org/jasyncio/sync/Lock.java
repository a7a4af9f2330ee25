package org.jasyncio.sync;

import java.util.ArrayDeque;

import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}.
 *
 * <pre>{@code
 * try (Held held = lock.acquire()) {
 *     ... // one task at a time
 * }
 * }</pre>
 *
 * <p>Fair: when it is released, the task that has waited longest gets it, and a task
 * arriving meanwhile queues behind it. Not owned: any task may release it. A waiter
 * cancelled after the lock was passed to it but before it ran passes it on to the next
 * waiter, so the lock is never left with nobody to take it.
 *
 * <p>Threading: loop-confined (see the package comment).
 */
public final class Lock {
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private final LoopBinding binding = new LoopBinding();
    private final Held held = this::release;
    private boolean locked;

    /** An unlocked lock; it binds to a loop the first time a task waits on it. */
    public Lock() {
    }

    /** Whether the lock is held. */
    public boolean locked() {
        return locked;
    }

    /**
     * Waits until the lock is free, takes it, and returns the handle that releases it.
     * Throws {@link CancelledException} (without the lock) if the task is cancelled
     * while it waits.
     */
    public Held acquire() {
        if (!locked && (waiters.isEmpty() || Waiters.allCancelled(waiters))) {
            locked = true;
            return held;
        }
        try {
            Waiters.awaitTurn(waiters, binding.loop(this).createFuture());
        } catch (CancelledException cancelled) {
            // If the lock was passed to us, pass it on: nobody else would wake the next waiter.
            if (!locked) {
                Waiters.wakeFirst(waiters);
            }
            throw cancelled;
        }
        locked = true;
        return held;
    }

    /**
     * Releases the lock and wakes the longest-waiting task, if any.
     *
     * @throws IllegalStateException when the lock is not held (asyncio's RuntimeError)
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        Waiters.wakeFirst(waiters);
    }

    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Lock [" + extra + "]>";
    }
}
