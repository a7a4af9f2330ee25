package org.jasyncio.sync;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;

/**
 * A condition variable for tasks: asyncio's {@code Condition}, over a {@link Lock}.
 *
 * <pre>{@code
 * try (Held held = cond.acquire()) {
 *     cond.awaitFor(() -> !items.isEmpty());
 *     take(items);
 * }
 * }</pre>
 *
 * <p>Names: asyncio's {@code wait()}, {@code wait_for()}, {@code notify()} and
 * {@code notify_all()} are {@link #await()}, {@link #awaitFor}, {@link #signal()} and
 * {@link #signalAll()} here, because {@code Object} owns the Java names (and calling
 * {@code Object.notify()} by mistake would throw {@code IllegalMonitorStateException}).
 *
 * <p>{@link #await()} always re-acquires the lock before it returns or throws, even when
 * cancelled; a waiter that leaves by an exception after it was signalled passes the
 * signal to another waiter, so no wake-up is lost (the other may wake spuriously, which
 * the condition-variable protocol allows: always re-check the predicate).
 *
 * <p>Threading: loop-confined (see the package comment).
 */
public final class Condition {
    private final Lock lock;
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private final LoopBinding binding = new LoopBinding();

    /** A condition over a new lock. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which may be shared with other conditions. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Whether the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /** Acquires the underlying lock; closing the result releases it. */
    public Held acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock. */
    public void release() {
        lock.release();
    }

    /**
     * Releases the lock, waits to be signalled, and re-acquires the lock before returning
     * (asyncio's {@code wait()}). May return spuriously: re-check what you wait for.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void await() {
        if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Future<Void> fut = binding.loop(this).createFuture();
        lock.release();
        try {
            try {
                Waiters.awaitTurn(waiters, fut);
            } finally {
                reacquire();
            }
        } catch (Throwable t) {
            // We may have been signalled before this exception: hand the signal on.
            wake(1);
            throw t;
        }
    }

    /** Re-acquires the lock whatever cancellations arrive; then re-throws the last one. */
    private void reacquire() {
        CancelledException cancelled = null;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (CancelledException c) {
                cancelled = c;
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Waits until {@code predicate} holds, checking it first and after every wake-up
     * (asyncio's {@code wait_for()}). The lock must be held.
     */
    public void awaitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /** Wakes one waiting task (asyncio's {@code notify()}); the lock must be held. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, longest-waiting first (asyncio's
     * {@code notify(n)}). A woken task returns from {@link #await()} only once it has the
     * lock again, so release it after signalling.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void signal(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wake(n);
    }

    /** Wakes every waiting task (asyncio's {@code notify_all()}); the lock must be held. */
    public void signalAll() {
        signal(waiters.size());
    }

    private void wake(int n) {
        int woken = 0;
        for (Future<Void> w : waiters) {
            if (woken >= n) {
                break;
            }
            if (!w.done()) {
                woken++;
                w.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Condition [" + extra + "]>";
    }
}
