package org.jasyncio.task;

/**
 * The body of a task: asyncio's {@code async def}. It runs inside a {@link Task} and may
 * call awaiting methods ({@link Future#await()}, {@code AsyncIO.sleep}, stream reads ...),
 * each of which parks the task and lets the loop run others.
 *
 * @param <T> what the coroutine returns
 */
@FunctionalInterface
public interface Coroutine<T> {
    /** Runs the coroutine; may throw anything, which becomes the task's exception. */
    T run() throws Exception;

    /** Adapts a body that returns nothing: {@code Coroutine.of(() -> { ... })}. */
    static Coroutine<Void> of(AsyncRunnable body) {
        return () -> {
            body.run();
            return null;
        };
    }

    /** A coroutine body with no result, for {@link #of(AsyncRunnable)}. */
    @FunctionalInterface
    interface AsyncRunnable {
        void run() throws Exception;
    }
}
