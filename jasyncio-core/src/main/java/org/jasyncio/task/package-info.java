/**
 * Futures and tasks: asyncio's {@code Future} and {@code Task}, with tasks as coroutines.
 *
 * <p>Role: a {@link org.jasyncio.task.Future} is a result that arrives later on one loop;
 * a {@link org.jasyncio.task.Task} runs a {@link org.jasyncio.task.Coroutine} in a
 * virtual thread whose scheduler is the loop, so calls like {@code future.await()} park
 * the task and let the loop run something else. Exceptions keep asyncio's meaning.
 *
 * <p>Depends on: {@code org.jasyncio.loop} (public API) and, for tasks only,
 * {@code org.jasyncio.internal.core} (the coroutine scheduler). Threading: futures and
 * tasks belong to their loop's thread; the only thread-safe entry points are
 * {@link org.jasyncio.task.Future#toCompletableFuture()} and what the loop marks
 * {@code threadsafe}.
 */
package org.jasyncio.task;
