package org.jasyncio.internal.core;

import org.jasyncio.task.Task;

/**
 * Runs tasks' coroutines so that exactly one task or callback runs at a time, in the
 * loop's FIFO order.
 *
 * <p>Design note: a task is a thread that only ever runs when the loop lets it. With
 * {@link VirtualThreadScheduler} the thread is a virtual thread whose scheduler is the
 * loop, so "let it run" means running its continuation on the loop thread. With
 * {@link BatonScheduler} (the JVM flag is missing) it is an ordinary thread that passes a
 * baton with the loop thread. Either way {@link #wake} runs the task inline, right inside
 * the callback that woke it, as asyncio's {@code Task.__wakeup} steps the coroutine.
 */
public sealed interface CoroutineScheduler permits VirtualThreadScheduler, BatonScheduler {

    /** How a new task's first step is scheduled. */
    enum Launch {
        /** At the end of the ready queue (asyncio's {@code call_soon(task.__step)}). */
        BACK,
        /** At the front of the ready queue (an eager start requested inside another task). */
        FRONT,
        /** Right now, until the task first blocks (an eager start from a callback). */
        INLINE
    }

    /** "virtual-thread" or "baton", for reports. */
    String name();

    /** An unstarted thread that will run {@code body} for {@code task}. */
    Thread newThread(Task<?> task, Runnable body);

    /** Starts a thread made by {@link #newThread}. */
    void launch(Task<?> task, Thread thread, Launch how);

    /** On the task's thread: gives the loop back until {@link #wake} (may return spuriously). */
    void block(Task<?> task);

    /**
     * On the task's thread: puts the task at the back of the ready queue and gives the
     * loop back, so everything ready now runs first (asyncio's bare {@code yield}, what
     * {@code sleep(0)} does). Returns {@code false}, having done nothing, when this
     * scheduler cannot; the caller then schedules its own wake-up and {@link #block}s.
     */
    boolean yieldNow(Task<?> task);

    /** On the loop thread, outside any task: runs {@code task} until it blocks or ends. */
    void wake(Task<?> task);

    /** Runs an item of the ready queue that is not a callback handle. */
    void runReadyItem(Runnable item);

    /** The task's coroutine returned or threw; called from its last step. */
    void finished(Task<?> task);
}
