package org.jasyncio.internal.core;

import org.jasyncio.context.Context;
import org.jasyncio.loop.TimerHandle;

/**
 * A callback due at a time. Ordered by deadline, then by scheduling order, so timers due
 * together run in the order they were scheduled. Cancelling one leaves it in the heap
 * (lazy deletion) and tells the {@link TimerQueue}, which compacts when most are dead.
 */
final class TimerEntry extends CallbackHandle implements TimerHandle {
    final long deadline;
    final long sequence;
    /** Set while the entry sits in the heap; cleared when it is popped or dropped. */
    TimerQueue queue;

    TimerEntry(BaseLoop loop, long deadline, long sequence, Runnable callback, Context context) {
        super(loop, callback, context);
        this.deadline = deadline;
        this.sequence = sequence;
    }

    @Override
    public double when() {
        return deadline / 1e9;
    }

    @Override
    public void cancel() {
        if (cancelled()) {
            return;
        }
        super.cancel();
        TimerQueue q = queue;
        if (q != null) {
            q.cancelled(this);
        }
    }

    boolean before(TimerEntry other) {
        return deadline < other.deadline || (deadline == other.deadline && sequence < other.sequence);
    }

    @Override
    public String toString() {
        return "<TimerHandle" + (cancelled() ? " cancelled" : "") + " when=" + when() + " " + describeCallback() + ">";
    }
}
