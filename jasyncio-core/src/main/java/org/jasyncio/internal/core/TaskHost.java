package org.jasyncio.internal.core;

import org.jasyncio.context.Context;
import org.jasyncio.task.Task;

/** What a {@link Task} needs from a jasyncio loop beyond the public API. */
public interface TaskHost {
    /** The scheduler that runs this loop's tasks. */
    CoroutineScheduler coroutineScheduler();

    /** A task was created: hold it strongly until it finishes (asyncio's weak-set pitfall, fixed). */
    void taskStarted(Task<?> task);

    /** The task is done. */
    void taskFinished(Task<?> task);

    /** Schedules {@code item} (a continuation or resumer) at the front of the ready queue. Loop only. */
    void readyPushFront(Runnable item);

    /**
     * Schedules {@code callback} as a callback (run outside any continuation, so a task it
     * wakes runs inline) at the front of the ready queue. Loop only.
     */
    void callSoonFirst(Runnable callback, Context context);
}
