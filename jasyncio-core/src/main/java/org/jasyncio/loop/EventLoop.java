package org.jasyncio.loop;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.Optional;
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
 * {@link #isClosed()}, {@link #time()}, {@link #inLoopThread()} and the capability
 * queries throw
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

    /** Schedules {@code callback} to run in the next iteration, in FIFO order, in the current context. */
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

    // ---------------------------------------------------------------- watching file descriptors

    /**
     * Calls {@code callback} whenever {@code channel} is ready for reading (or accepting,
     * or at end of stream, or in error), until {@link #removeReader(SelectableChannel)}:
     * asyncio's {@code add_reader}. The callback runs from the ready queue, as a
     * {@link Handle}, in a copy of the current context; what it throws goes to the
     * exception handler. A reader already installed for {@code channel} is replaced and
     * its handle cancelled. Cancelling the returned handle removes the reader at the next
     * readiness. The channel is put in non-blocking mode. Remove the reader before
     * closing the channel.
     *
     * @return the handle that will run {@code callback}
     * @throws UnsupportedOperationException if this loop cannot watch descriptors
     *         ({@link Capability#ADD_READER_SOCKET}), or cannot watch this channel (the
     *         message says why and what to use instead)
     * @throws IllegalArgumentException if a transport of this loop already watches the channel
     * @throws EventLoopClosedException if the loop is closed
     */
    Handle addReader(SelectableChannel channel, Runnable callback);

    /**
     * {@link #addReader(SelectableChannel, Runnable)} for a raw file descriptor: a socket,
     * pipe, FIFO, terminal or other character device. Needs a backend that watches raw
     * descriptors ({@link Capability#RAW_FILE_DESCRIPTORS}: epoll, poll, select).
     *
     * @throws UnsupportedOperationException if this loop's backend watches channels only
     *         (nio), if {@code fd} is a regular file, directory or block device (always
     *         ready: do file I/O with {@link #runInExecutor}), or if the backend cannot
     *         watch it (select: {@code fd >= 1024}; epoll: a device that is always ready,
     *         such as {@code /dev/null}); the message names the loop, the platform and
     *         the alternative
     * @throws IllegalArgumentException if {@code fd} is not open
     */
    Handle addReader(int fd, Runnable callback);

    /** Stops watching {@code channel} for reading: asyncio's {@code remove_reader}. Returns whether a reader was installed. */
    boolean removeReader(SelectableChannel channel);

    /** {@link #removeReader(SelectableChannel)} for a raw descriptor. */
    boolean removeReader(int fd);

    /**
     * Calls {@code callback} whenever {@code channel} is ready for writing (or connected,
     * or in error): asyncio's {@code add_writer}. Same rules as
     * {@link #addReader(SelectableChannel, Runnable)}; a channel's reader and writer share
     * one registration.
     */
    Handle addWriter(SelectableChannel channel, Runnable callback);

    /** {@link #addWriter(SelectableChannel, Runnable)} for a raw descriptor; same rules as {@link #addReader(int, Runnable)}. */
    Handle addWriter(int fd, Runnable callback);

    /** Stops watching {@code channel} for writing: asyncio's {@code remove_writer}. Returns whether a writer was installed. */
    boolean removeWriter(SelectableChannel channel);

    /** {@link #removeWriter(SelectableChannel)} for a raw descriptor. */
    boolean removeWriter(int fd);

    // ---------------------------------------------------------------- capabilities

    /** Whether this loop, on this platform and backend, supports {@code capability}. Any thread. */
    boolean supports(Capability capability);

    /** Every capability this loop supports. Any thread. */
    Set<Capability> capabilities();

    /**
     * Why this loop does not support {@code capability} (naming the loop, the platform
     * and what to use instead), or empty when it does. Any thread.
     */
    Optional<String> whyNot(Capability capability);

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
