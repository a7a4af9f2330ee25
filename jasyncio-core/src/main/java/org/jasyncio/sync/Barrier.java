package org.jasyncio.sync;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}. Each task calls
 * {@link #await()}; when the last of {@code parties} arrives, all of them go on, each
 * with a different index from 0 to {@code parties - 1}, and the barrier is ready for the
 * next round.
 *
 * <p>{@link #reset()} and {@link #abort()} break the round: waiting tasks get
 * {@link BrokenBarrierException}; after {@code abort()} every later {@code await()} does too.
 * {@code await()} stands for asyncio's {@code wait()} ({@code Object} owns the name), as in
 * {@link java.util.concurrent.CyclicBarrier}.
 *
 * <p>Threading: loop-confined (see the package comment).
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException when {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0, not " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks are waiting, then returns this task's index.
     *
     * @throws BrokenBarrierException when the barrier is or becomes broken or reset
     */
    public int await() {
        try (Held _ = cond.acquire()) {
            block();   // while the previous round drains or a reset completes
            int index = count;
            count++;
            try {
                if (index + 1 == parties) {
                    state = State.DRAINING;   // the last one in releases everybody
                    cond.signalAll();
                } else {
                    cond.awaitFor(() -> state != State.FILLING);
                    if (state == State.BROKEN || state == State.RESETTING) {
                        throw new BrokenBarrierException("Abort or reset of barrier");
                    }
                }
                return index;
            } finally {
                count--;
                exit();
            }
        }
    }

    private void block() {
        cond.awaitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierException("Barrier aborted");
        }
    }

    /** The last task out of a draining or resetting barrier makes it ready for a new round. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /** Returns the barrier to its initial state; tasks waiting now get {@link BrokenBarrierException}. */
    public void reset() {
        try (Held _ = cond.acquire()) {
            if (count > 0) {
                state = State.RESETTING;
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /** Breaks the barrier: waiting and future {@link #await()} calls throw {@link BrokenBarrierException}. */
    public void abort() {
        try (Held _ = cond.acquire()) {
            state = State.BROKEN;
            cond.signalAll();
        }
    }

    /** How many tasks it takes to pass. */
    public int parties() {
        return parties;
    }

    /** How many tasks wait now (asyncio's {@code n_waiting}). */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken (asyncio's {@code broken}). */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.name().toLowerCase(java.util.Locale.ROOT);
        if (!broken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }
}
