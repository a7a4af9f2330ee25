package org.jasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.jasyncio.internal.core.ExecState;
import org.jasyncio.context.Context;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TaskFactory;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.AsCompleted;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Gather;
import org.jasyncio.task.ReturnWhen;
import org.jasyncio.task.Shield;
import org.jasyncio.task.Task;
import org.jasyncio.task.TaskGroup;
import org.jasyncio.task.Timeout;
import org.jasyncio.task.Wait;
import org.jasyncio.task.WaitResult;

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

    /**
     * {@link #run(Coroutine)} on a loop made by {@code loopFactory} (asyncio 3.12's
     * {@code loop_factory}; a {@link LoopFactory} such as {@code LoopFactory.selector(Backend.POLL)},
     * or any supplier of a loop; {@code null} for the platform default).
     */
    public static <T> T run(Coroutine<T> main, Supplier<? extends EventLoop> loopFactory) {
        try (Runner runner = new Runner(null, loopFactory)) {
            return runner.run(main);
        }
    }

    /** A new loop of this platform's default kind ({@link LoopFactory#platformDefault()}, docs/platforms.md). */
    public static EventLoop newEventLoop() {
        return LoopFactory.platformDefault().newLoop();
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

    /**
     * {@code future} itself, or a task running {@code coroutine} on the running loop:
     * asyncio's {@code ensure_future}.
     */
    public static <T> Future<T> ensureFuture(Future<T> future) {
        return Objects.requireNonNull(future, "future");
    }

    /** A task running {@code coroutine} on the running loop (asyncio's {@code ensure_future(coro)}). */
    public static <T> Task<T> ensureFuture(Coroutine<T> coroutine) {
        return createTask(coroutine);
    }

    /** A task running {@code coroutine} on {@code loop} (asyncio's {@code ensure_future(coro, loop=loop)}). */
    public static <T> Task<T> ensureFuture(Coroutine<T> coroutine, EventLoop loop) {
        return loop.createTask(coroutine);
    }

    /**
     * A task factory whose tasks run their first step at once, inside {@code createTask},
     * until they first wait: asyncio 3.12's {@code eager_task_factory}. Install it with
     * {@code loop.setTaskFactory(AsyncIO.eagerTaskFactory())}.
     */
    public static TaskFactory eagerTaskFactory() {
        return Task.eagerTaskFactory();
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

    // ------------------------------------------------------------------ running tasks together

    /**
     * Runs {@code futures} together: a future of their results in the order given,
     * completed with the first failure instead if one fails (asyncio's {@code gather}).
     * Cancelling it cancels every child not done yet. See {@link Gather}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs")   // the array is only read
    public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
        return gather(Arrays.asList(futures));
    }

    /** {@link #gather(Future[])} over a collection (e.g. {@code coroutines.stream().map(AsyncIO::ensureFuture).toList()}). */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(Collection<? extends Future<? extends T>> futures) {
        Future<?> all = Gather.gather(false, futures);
        return (Future<List<T>>) all;
    }

    /**
     * Wraps each coroutine in a task of the running loop, in order, and gathers them. The
     * same coroutine object given twice runs once (as asyncio's gather treats one
     * coroutine object) and its result appears twice.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Coroutine<? extends T>... coroutines) {
        List<Future<? extends T>> tasks = new ArrayList<>(coroutines.length);
        Map<Coroutine<? extends T>, Task<? extends T>> started = new IdentityHashMap<>();
        for (Coroutine<? extends T> c : coroutines) {
            tasks.add(started.computeIfAbsent(c, AsyncIO::createTask));
        }
        return gather(tasks);
    }

    /**
     * {@link #gather(Future[])} with asyncio's {@code return_exceptions}: when
     * {@code returnExceptions} is true each failure (or {@code CancelledException}) takes
     * its child's place in the list instead of failing the whole.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Future<?>... futures) {
        return Gather.gather(returnExceptions, Arrays.asList(futures));
    }

    /** {@link #gather(boolean, Future[])} over a collection. */
    public static Future<List<Object>> gather(boolean returnExceptions, Collection<? extends Future<?>> futures) {
        return Gather.gather(returnExceptions, futures);
    }

    /**
     * Protects {@code future} from the cancellation of whoever awaits the result
     * (asyncio's {@code shield}); see {@link Shield}.
     */
    public static <T> Future<T> shield(Future<T> future) {
        return Shield.shield(future);
    }

    /** Runs {@code coroutine} in a task and shields it. */
    public static <T> Future<T> shield(Coroutine<T> coroutine) {
        return Shield.shield(createTask(coroutine));
    }

    /**
     * Waits inside a task until every one of {@code futures} is done (asyncio's
     * {@code wait}); see {@link Wait#wait}.
     */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<F> futures) {
        return Wait.wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /** Waits until {@code returnWhen} holds. */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<F> futures, ReturnWhen returnWhen) {
        return Wait.wait(futures, null, returnWhen);
    }

    /** Waits until all are done or {@code timeout} passes; never throws a timeout. */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<F> futures, Duration timeout) {
        return Wait.wait(futures, timeout, ReturnWhen.ALL_COMPLETED);
    }

    /** asyncio's {@code wait(fs, timeout=..., return_when=...)}; {@code timeout} {@code null} for none. */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<F> futures, Duration timeout,
            ReturnWhen returnWhen) {
        return Wait.wait(futures, timeout, returnWhen);
    }

    /**
     * Waits for {@code future} at most {@code timeout} and returns its result, cancelling
     * it and throwing {@code TimeoutException} when the time is up (asyncio's
     * {@code wait_for}); see {@link Wait#waitFor}.
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        return Wait.waitFor(future, timeout);
    }

    /**
     * Runs {@code coroutine} in the current task under a deadline {@code timeout} from now
     * (asyncio 3.12's {@code wait_for(coro, timeout)}, which awaits the coroutine inside
     * {@code async with timeout()}). With no time left (zero or negative) it is wrapped in
     * a task that is cancelled before it starts, as asyncio does.
     */
    public static <T> T waitFor(Coroutine<T> coroutine, Duration timeout) {
        Objects.requireNonNull(coroutine, "coroutine");
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            return Wait.waitFor(createTask(coroutine), timeout);
        }
        return Timeout.after(timeout).run(coroutine);
    }

    /** {@code futures} in the order they finish (asyncio's {@code as_completed}); see {@link AsCompleted}. */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Collection<F> futures) {
        return new AsCompleted<>(futures, null);
    }

    /** {@link #asCompleted(Collection)}, throwing {@code TimeoutException} for those not done after {@code timeout}. */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Collection<F> futures, Duration timeout) {
        return new AsCompleted<>(futures, timeout);
    }

    // ------------------------------------------------------------------ deadlines and groups

    /**
     * A deadline {@code delay} from now ({@code null}: none), to enter with
     * {@link Timeout#run}: asyncio's {@code timeout(delay)}.
     */
    public static Timeout timeout(Duration delay) {
        return Timeout.after(delay);
    }

    /**
     * Runs {@code body} in the current task and returns its result, or throws
     * {@code TimeoutException} if it takes longer than {@code delay}:
     * {@code async with asyncio.timeout(delay): ...}.
     */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        return Timeout.after(delay).run(body);
    }

    /** {@link #timeout(Duration, Coroutine)} for a body with no result. */
    public static void timeout(Duration delay, Coroutine.AsyncRunnable body) {
        Timeout.after(delay).run(body);
    }

    /** A deadline at loop time {@code when}: asyncio's {@code timeout_at(when)}. */
    public static Timeout timeoutAt(double when) {
        return new Timeout(when);
    }

    /** Runs {@code body} with a deadline at loop time {@code when}. */
    public static <T> T timeoutAt(double when, Coroutine<T> body) {
        return new Timeout(when).run(body);
    }

    /** {@link #timeoutAt(double, Coroutine)} for a body with no result. */
    public static void timeoutAt(double when, Coroutine.AsyncRunnable body) {
        new Timeout(when).run(body);
    }

    /**
     * Runs {@code body} with a new {@link TaskGroup} and waits for all of its tasks:
     * {@code async with asyncio.TaskGroup() as tg: ...}.
     */
    public static void taskGroup(TaskGroup.Body body) {
        new TaskGroup().run(body);
    }

    // ------------------------------------------------------------------ threads and bridges

    /**
     * Runs {@code function} on the loop's default executor (created on first use) in a
     * copy of the current context and waits for its result: asyncio's {@code to_thread}.
     * Context variables set in the task are visible in the thread; what the thread sets
     * stays there.
     */
    public static <T> T toThread(Callable<T> function) {
        Objects.requireNonNull(function, "function");
        EventLoop loop = Task.requireCurrent("toThread()").getLoop();
        Context context = Context.copyCurrent();
        return loop.runInExecutor(null, () -> callIn(context, function)).await();
    }

    /** Calls {@code function} with {@code context} current on this thread, letting its exception through. */
    private static <T> T callIn(Context context, Callable<T> function) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        context.run(() -> {
            try {
                result[0] = function.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** {@link #toThread(Callable)} for a function with no result. */
    public static void toThread(Runnable function) {
        Objects.requireNonNull(function, "function");
        toThread(() -> {
            function.run();
            return null;
        });
    }


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
