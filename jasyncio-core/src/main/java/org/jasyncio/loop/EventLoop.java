package org.jasyncio.loop;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.jasyncio.context.Context;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * An event loop: asyncio's {@code AbstractEventLoop}, grouped under the same headings as
 * asyncio's documentation. Open one with {@link SelectorEventLoop#open()} (or let
 * {@code AsyncIO.run} do it); see docs/naming.md for the asyncio-name table.
 *
 * <p>Threading: the loop belongs to the thread running it. Methods other than
 * {@link #callSoonThreadsafe}, {@link #stop()}, {@link #isRunning()},
 * {@link #isClosed()}, {@link #time()} and {@link #inLoopThread()} throw
 * {@link IllegalStateException} when called from another thread while the loop runs.
 */
public interface EventLoop extends AutoCloseable {

    // ---------------------------------------------------------------- running and stopping

    /** Runs until {@link #stop()} is called. */
    void runForever();

    /**
     * Runs until {@code future} is done and returns its result (or throws its exception).
     *
     * @throws IllegalStateException if the loop stopped before the future completed
     */
    <T> T runUntilComplete(Future<T> future);

    /** Wraps {@code coroutine} in a task, runs until it is done, returns its result. */
    <T> T runUntilComplete(Coroutine<T> coroutine);

    /** Stops the loop after the current iteration. Any thread may call it. */
    void stop();

    boolean isRunning();

    boolean isClosed();

    /**
     * Closes the loop: drops pending callbacks, shuts down the default executor without
     * waiting, releases the I/O backend. Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    void close();

    /**
     * Shuts the default executor down and completes when its threads have finished, or
     * after {@code timeout} with a warning (asyncio 3.12's default is 5 minutes).
     */
    Future<Void> shutdownDefaultExecutor(Duration timeout);

    /** {@link #shutdownDefaultExecutor(Duration)} with asyncio's 300-second timeout. */
    default Future<Void> shutdownDefaultExecutor() {
        return shutdownDefaultExecutor(Duration.ofSeconds(300));
    }

    // ---------------------------------------------------------------- scheduling callbacks

    /**
     * Schedules {@code callback} to run in the next iteration, in FIFO order, in a copy of
     * the current context (as asyncio's {@code Handle} copies it: what the callback sets
     * stays in the callback).
     */
    Handle callSoon(Runnable callback);

    /** {@link #callSoon(Runnable)} in the given context. */
    Handle callSoon(Runnable callback, Context context);

    /** {@link #callSoon(Runnable)} from any thread; wakes the loop. */
    Handle callSoonThreadsafe(Runnable callback);

    /** {@link #callSoonThreadsafe(Runnable)} in the given context. */
    Handle callSoonThreadsafe(Runnable callback, Context context);

    /** Schedules {@code callback} after {@code delay}; callbacks due at the same time run in order. */
    TimerHandle callLater(Duration delay, Runnable callback);

    TimerHandle callLater(Duration delay, Runnable callback, Context context);

    /** Schedules {@code callback} at {@code when}, in {@link #time()} seconds. */
    TimerHandle callAt(double when, Runnable callback);

    TimerHandle callAt(double when, Runnable callback, Context context);

    /** The loop's monotonic clock, in seconds (asyncio's {@code loop.time()}). */
    double time();

    /**
     * The clock's resolution as measured on this machine: the smallest step
     * {@link #time()} is seen to advance by. Timers due within it count as due.
     */
    Duration clockResolution();

    /**
     * Whether the caller runs on this loop: on its thread, or in one of its tasks
     * (Netty's {@code inEventLoop()}). Any thread may call it.
     */
    boolean inLoopThread();

    // ---------------------------------------------------------------- futures and tasks

    /** A new future attached to this loop. */
    <T> Future<T> createFuture();

    /** Wraps {@code coroutine} in a task scheduled to start soon; named {@code Task-N}. */
    <T> Task<T> createTask(Coroutine<T> coroutine);

    <T> Task<T> createTask(Coroutine<T> coroutine, String name);

    /** A task that runs in {@code context} (not a copy of it). */
    <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context);

    /** Installs the factory {@link #createTask} uses; {@code null} restores the default. */
    void setTaskFactory(TaskFactory factory);

    /** The installed task factory, or {@code null} for the default. */
    TaskFactory getTaskFactory();

    /** The tasks of this loop that are not done yet (asyncio's {@code all_tasks(loop)}). */
    Set<Task<?>> allTasks();

    // ---------------------------------------------------------------- executors

    /**
     * Runs {@code function} on {@code executor} (the default executor when {@code null})
     * and returns a future of this loop for its result.
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> function);

    /** Replaces the default executor used by {@link #runInExecutor} and {@code toThread}. */
    void setDefaultExecutor(ExecutorService executor);

    // ---------------------------------------------------------------- error handling

    /** Installs {@code handler}; {@code null} restores the default handler. */
    void setExceptionHandler(ExceptionHandler handler);

    /** The installed handler, or {@code null} when the default is used. */
    ExceptionHandler getExceptionHandler();

    /** The default handler: logs the context through {@link System.Logger} at ERROR. */
    void defaultExceptionHandler(ExceptionContext context);

    /** Passes {@code context} to the installed handler (or the default one). Never throws. */
    void callExceptionHandler(ExceptionContext context);

    // ---------------------------------------------------------------- debug mode

    boolean getDebug();

    /**
     * Debug mode: logs callbacks slower than {@link #getSlowCallbackDuration()}, records
     * where handles and futures were created, and emits Flight Recorder events.
     * Also enabled by {@code -Djasyncio.debug=true} or {@code JASYNCIO_DEBUG=1}.
     */
    void setDebug(boolean enabled);

    /** Callbacks longer than this are logged in debug mode (default 100 ms). */
    Duration getSlowCallbackDuration();

    void setSlowCallbackDuration(Duration duration);
}
