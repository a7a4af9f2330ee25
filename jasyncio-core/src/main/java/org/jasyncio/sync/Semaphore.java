package org.jasyncio.sync;

import java.util.ArrayDeque;

import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;

/**
 * A counter of permits for tasks: asyncio's {@code Semaphore}.
 *
 * <pre>{@code
 * try (Held permit = semaphore.acquire()) {
 *     ... // at most N tasks here at once
 * }
 * }</pre>
 *
 * <p>Fair: a released permit goes to the task that has waited longest; a task arriving
 * while others wait queues behind them even if a permit is free. A waiter cancelled
 * after a permit was handed to it gives the permit back and wakes the next waiter, so no
 * permit is lost. {@link BoundedSemaphore} also refuses more releases than acquisitions.
 *
 * <p>Threading: loop-confined (see the package comment).
 */
public sealed class Semaphore permits BoundedSemaphore {
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private final LoopBinding binding = new LoopBinding();
    private final Held held = this::release;
    /** The initial value for a bounded semaphore, else -1. */
    private final int bound;
    private int value;

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public Semaphore(int value) {
        this(value, false);
    }

    Semaphore(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, not " + value);
        }
        this.value = value;
        this.bound = bounded ? value : -1;
    }

    /** Whether {@link #acquire()} would wait now: no permit, or tasks queued before. */
    public final boolean locked() {
        if (value == 0) {
            return true;
        }
        for (Future<Void> w : waiters) {
            if (!w.cancelled()) {
                return true;
            }
        }
        return false;
    }

    /** The permits available now (asyncio's {@code _value}). */
    public final int value() {
        return value;
    }

    /**
     * Takes a permit, waiting for one if needed, and returns the handle that gives it
     * back. Throws {@link CancelledException} (holding no permit) if the task is cancelled
     * while it waits.
     */
    public final Held acquire() {
        if (!locked()) {
            value--;
            return held;
        }
        Future<Void> fut = binding.loop(this).createFuture();
        try {
            Waiters.awaitTurn(waiters, fut);
        } catch (CancelledException cancelled) {
            // Woken (a permit set aside for us) and then cancelled: give it back.
            if (fut.done() && !fut.cancelled()) {
                value++;
            }
            throw cancelled;
        } finally {
            // Hand any free permits to waiters that are still waiting.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
        return held;
    }

    /**
     * Gives a permit back and wakes the longest-waiting task, if any.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore} released more often
     *         than acquired (asyncio's ValueError)
     */
    public final void release() {
        if (bound >= 0 && value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        value++;
        wakeUpNext();
    }

    /** Sets a permit aside for the first waiter not done yet and wakes it. */
    private boolean wakeUpNext() {
        for (Future<Void> w : waiters) {
            if (!w.done()) {
                value--;
                w.setResult(null);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + getClass().getSimpleName() + " [" + extra + "]>";
    }
}
