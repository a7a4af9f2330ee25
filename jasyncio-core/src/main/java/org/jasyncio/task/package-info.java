/**
 * Futures, tasks and the task API: asyncio's {@code Future}, {@code Task}, {@code gather},
 * {@code wait}, {@code wait_for}, {@code as_completed}, {@code shield}, {@code timeout}
 * and {@code TaskGroup}, with tasks as coroutines.
 *
 * <p>Role: a {@link org.jasyncio.task.Future} is a result that arrives later on one loop;
 * a {@link org.jasyncio.task.Task} runs a {@link org.jasyncio.task.Coroutine} in a
 * virtual thread whose scheduler is the loop, so calls like {@code future.await()} park
 * the task and let the loop run something else. The task API ({@link org.jasyncio.task.Gather},
 * {@link org.jasyncio.task.Wait}, {@link org.jasyncio.task.AsCompleted},
 * {@link org.jasyncio.task.Shield}, {@link org.jasyncio.task.Timeout},
 * {@link org.jasyncio.task.TaskGroup}) is written on the public Future/Task/EventLoop API
 * only; {@code AsyncIO} exposes it as static methods. Exceptions keep asyncio's meaning
 * ({@link org.jasyncio.task.CancelledException}, {@link org.jasyncio.task.TimeoutException},
 * {@link org.jasyncio.task.ExceptionGroup}, ...).
 *
 * <p>Depends on: {@code org.jasyncio.loop} and {@code org.jasyncio.context} (public API)
 * and {@code org.jasyncio.internal.core} (the coroutine scheduler for tasks; the running
 * loop for the task API). Never on the {@code org.jasyncio} facade above it. Threading:
 * futures and tasks belong to their loop's thread; the only thread-safe entry points are
 * {@link org.jasyncio.task.Future#toCompletableFuture()} and what the loop marks
 * {@code threadsafe}.
 */
package org.jasyncio.task;
