package org.jasyncio.loop;

import org.jasyncio.context.Context;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;

/**
 * Builds the tasks {@link EventLoop#createTask} returns: asyncio's {@code task_factory}.
 * {@code Task.eagerTaskFactory()} is one.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * @param name    the task's name, or {@code null} for the default {@code Task-N}
     * @param context the context to run in, or {@code null} for a copy of the current one
     */
    <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name, Context context);
}
