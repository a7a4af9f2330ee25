package org.jasyncio;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.jasyncio.internal.core.ExecState;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * asyncio's module-level functions: {@code asyncio.run}, {@code sleep},
 * {@code create_task}, {@code get_running_loop}, ... See docs/naming.md for the table.
 */
public final class AsyncIO {
    private AsyncIO() {
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code main} on a new loop and returns its result: asyncio's {@code asyncio.run}.
     * Leftover tasks are cancelled, the default executor shut down and the loop closed.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, null);
    }

    /** {@link #run(Coroutine)} on a loop made by {@code loopFactory} (asyncio 3.12's {@code loop_factory}). */
    public static <T> T run(Coroutine<T> main, Supplier<? extends EventLoop> loopFactory) {
        try (Runner runner = new Runner(null, loopFactory)) {
            return runner.run(main);
        }
    }

    /** A new loop of this platform's default kind (see docs/platforms.md). */
    public static EventLoop newEventLoop() {
        return SelectorEventLoop.open();
    }

    /** The loop running the calling task or callback; throws outside one. */
    public static EventLoop getRunningLoop() {
        ExecState state = ExecState.peek();
        if (state == null || state.loop() == null) {
            throw new IllegalStateException("no running event loop on " + Thread.currentThread());
        }
        return state.loop();
    }

    /** The running loop, or {@code null} (asyncio's {@code _get_running_loop}). */
    public static EventLoop runningLoopOrNull() {
        ExecState state = ExecState.peek();
        return state == null ? null : state.loop();
    }

    // ------------------------------------------------------------------ tasks

    /** Creates a task on the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return getRunningLoop().createTask(coroutine, name);
    }

    /** The task running on the calling thread, or {@code null}. */
    public static Task<?> currentTask() {
        return Task.current();
    }

    /** The running loop's tasks that are not done. */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().allTasks();
    }

    /** The pending tasks of {@code loop}. */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        return loop.allTasks();
    }

    // ------------------------------------------------------------------ sleeping

    /** Suspends the current task for {@code delay}; zero or negative is a pure yield. */
    public static void sleep(Duration delay) {
        sleep(delay, null);
    }

    /** Suspends for {@code seconds} (asyncio's float seconds); {@code sleep(0)} yields once. */
    public static void sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        sleep(seconds <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE)), null);
    }

    /** Suspends for {@code delay} and returns {@code result}. */
    public static <T> T sleep(Duration delay, T result) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isZero() || delay.isNegative()) {
            Task.yieldNow();
            return result;
        }
        Task<?> task = Task.requireCurrent("sleep()");
        EventLoop loop = task.getLoop();
        Future<T> future = loop.createFuture();
        TimerHandle timer = loop.callLater(delay, () -> {
            if (!future.done()) {
                future.setResult(result);
            }
        });
        try {
            return future.await();
        } finally {
            timer.cancel();
        }
    }

    // ------------------------------------------------------------------ threads and bridges

    /**
     * Submits {@code coroutine} to {@code loop} from any thread: asyncio's
     * {@code run_coroutine_threadsafe}. Cancelling the returned future cancels the task.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        Objects.requireNonNull(coroutine, "coroutine");
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return;
            }
            Task<T> task;
            try {
                task = loop.createTask(coroutine);
            } catch (Throwable t) {
                // The submitter learns it through its future; the loop reports it too
                // (re-thrown into the callback's handler), as asyncio does, because a
                // broken task factory is a bug even if nobody looks at the future.
                result.completeExceptionally(t);
                throw t;
            }
            task.toCompletableFuture().whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
            result.whenComplete((value, error) -> {
                if (result.isCancelled() && !loop.isClosed()) {
                    try {
                        loop.callSoonThreadsafe(() -> task.cancel());
                    } catch (IllegalStateException closed) {
                        // nothing left to cancel
                    }
                }
            });
        });
        return result;
    }

    /**
     * A future of the running loop that completes with {@code stage}: asyncio's
     * {@code wrap_future}. Cancelling the returned future cancels {@code stage} when it is
     * a {@link CompletableFuture}.
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return wrapFuture(stage, getRunningLoop());
    }

    /** {@link #wrapFuture(CompletionStage)} onto {@code loop}. */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Future<T> future = loop.createFuture();
        stage.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> {
            if (future.done()) {
                return;
            }
            if (error == null) {
                future.setResult(value);
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof java.util.concurrent.CancellationException) {
                    future.cancel();
                } else {
                    future.setException(cause);
                }
            }
        }));
        if (stage instanceof CompletableFuture<T> cf) {
            future.addDoneCallback(f -> {
                if (f.cancelled()) {
                    cf.cancel(false);
                }
            });
        }
        return future;
    }
}
