package org.jasyncio.internal.core;

import org.jasyncio.context.Context;
import org.jasyncio.task.Task;

/** What a {@link Task} needs from a jasyncio loop beyond the public API. */
public interface TaskHost {
    /** The scheduler that runs this loop's tasks. */
    CoroutineScheduler coroutineScheduler();

    /**
     * A task was created: hold it strongly until it finishes (asyncio's weak-set pitfall,
     * fixed). Returns a registration number to give back to {@link #taskFinished}.
     */
    int taskStarted(Task<?> task);

    /** The task, registered as {@code registration}, is done. */
    void taskFinished(Task<?> task, int registration);

    /**
     * Schedules {@code callback} ahead of everything in the ready queue, as a callback
     * running in {@code context} (so a task it resumes runs inline, as from any other
     * callback). Loop only.
     */
    void callFirst(Runnable callback, Context context);
}
