package org.jasyncio.task;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jasyncio.context.Context;
import org.jasyncio.internal.core.CoroutineScheduler;
import org.jasyncio.internal.core.CoroutineScheduler.Launch;
import org.jasyncio.internal.core.ExecState;
import org.jasyncio.internal.core.TaskHost;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TaskFactory;

/**
 * A coroutine running on a loop: asyncio's {@code Task}.
 *
 * <p>The coroutine runs in its own virtual thread whose scheduler is the loop; awaiting
 * a pending future parks the task and the loop runs something else. Exactly one task or
 * callback runs at a time. Cancelling a task throws {@link CancelledException} at the
 * point where it waits (or where it next waits).
 *
 * <p>A pending task is held by its loop, so a task nobody keeps a reference to still runs
 * to completion (asyncio only keeps a weak reference: a known pitfall, fixed here).
 *
 * @param <T> the coroutine's result type
 */
public class Task<T> extends Future<T> {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Coroutine<T> coroutine;
    private final TaskHost host;
    private final CoroutineScheduler scheduler;
    private final Context context;
    private final long number;
    private String name;
    private final Thread thread;

    /** The future this task waits for, while it waits (asyncio's {@code _fut_waiter}). */
    private Future<?> waitingOn;
    /** Cancellation requested while not waiting: thrown at the next suspension point. */
    private boolean mustCancel;
    private String pendingCancelMessage;
    private int cancelRequests;
    /** Set by {@link #resume()}; the task's thread waits for it. */
    private boolean resumed;
    private final Runnable resumer = this::resume;
    private final Consumer<Future<?>> wakeup = f -> resume();

    /** A task scheduled to start soon; {@link EventLoop#createTask} is the usual way. */
    public Task(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
        this(loop, coroutine, name, context, false);
    }

    /**
     * A task; with {@code eagerStart} and a running loop its coroutine runs right away
     * until it first waits (asyncio 3.12's {@code eager_start}).
     */
    public Task(EventLoop loop, Coroutine<T> coroutine, String name, Context context, boolean eagerStart) {
        super(loop);
        if (!(loop instanceof TaskHost taskHost)) {
            throw new IllegalArgumentException("tasks run only on jasyncio loops, not on " + loop);
        }
        checkThread("createTask");
        if (loop.isClosed()) {
            throw new org.jasyncio.loop.EventLoopClosedException("Event loop is closed");
        }
        this.coroutine = Objects.requireNonNull(coroutine, "coroutine");
        this.host = taskHost;
        this.scheduler = taskHost.coroutineScheduler();
        this.context = context != null ? context : Context.copyCurrent();
        this.number = COUNTER.incrementAndGet();
        this.name = name;
        this.thread = scheduler.newThread(this, this::body);
        host.taskStarted(this);
        if (eagerStart && loop.isRunning()) {
            startEagerly();
        } else {
            scheduler.launch(this, thread, Launch.BACK);
        }
    }

    /** A task factory whose tasks start eagerly (asyncio 3.12's {@code eager_task_factory}). */
    public static TaskFactory eagerTaskFactory() {
        return new TaskFactory() {
            @Override
            public <R> Task<R> create(EventLoop loop, Coroutine<R> coroutine, String name, Context context) {
                return new Task<>(loop, coroutine, name, context, true);
            }
        };
    }

    /** The task running on the calling thread, or {@code null} outside a task. */
    public static Task<?> current() {
        ExecState state = ExecState.peek();
        return state == null ? null : state.task();
    }

    // ------------------------------------------------------------------ identity

    public final String getName() {
        String n = name;
        return n != null ? n : "Task-" + number;
    }

    public final void setName(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    public final Coroutine<T> getCoro() {
        return coroutine;
    }

    public final Context getContext() {
        return context;
    }

    /** The virtual thread the coroutine runs in. */
    public final Thread thread() {
        return thread;
    }

    /**
     * Where the coroutine is now: the stack of its thread (asyncio's {@code get_stack},
     * with real frames). Empty once the task is done.
     */
    public final StackTraceElement[] getStack() {
        return done() ? new StackTraceElement[0] : thread.getStackTrace();
    }

    // ------------------------------------------------------------------ cancellation

    /**
     * Requests cancellation: the coroutine gets {@link CancelledException} (with
     * {@code message}) where it waits, or where it next waits. Returns {@code false} if
     * the task is already done. Unlike {@link Future#cancel}, the task is not done yet
     * when this returns; it may even catch the exception and go on.
     */
    @Override
    public boolean cancel(String message) {
        checkThread("cancel");
        if (done()) {
            return false;
        }
        cancelRequests++;
        Future<?> waiter = waitingOn;
        if (waiter != null && waiter.cancel(message)) {
            return true;
        }
        mustCancel = true;
        pendingCancelMessage = message;
        return true;
    }

    /** How many cancellation requests are outstanding (asyncio 3.11's {@code cancelling()}). */
    public final int cancelling() {
        return cancelRequests;
    }

    /**
     * Withdraws one cancellation request and returns how many remain; at zero a pending
     * not-yet-delivered cancellation is dropped too (asyncio 3.13).
     */
    public final int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                mustCancel = false;
            }
        }
        return cancelRequests;
    }

    /** Futures cannot be completed from outside a task: the coroutine's return does it. */
    @Override
    public final void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support setResult()");
    }

    @Override
    public final void setException(Throwable error) {
        throw new UnsupportedOperationException("Task does not support setException()");
    }

    // ------------------------------------------------------------------ running

    private void body() {
        ExecState.installForTask(host, this, context);
        T value;
        try {
            if (mustCancel) {
                mustCancel = false;
                throw new CancelledException(pendingCancelMessage);
            }
            value = coroutine.run();
        } catch (CancelledException c) {
            finish();
            completeCancelled(c.getMessage(), c);
            return;
        } catch (Throwable t) {
            finish();
            completeExceptionally(t);
            return;
        }
        finish();
        if (mustCancel) {
            mustCancel = false;
            completeCancelled(pendingCancelMessage, null);
        } else {
            complete(value);
        }
    }

    private void finish() {
        host.taskFinished(this);
    }

    /** Runs the first step now (from a callback) or before anything else (from a task). */
    private void startEagerly() {
        Task<?> parent = current();
        if (parent == null) {
            scheduler.launch(this, thread, Launch.INLINE);
            return;
        }
        // A task cannot run inside another one: the parent steps aside for exactly the
        // child's first step, ahead of everything else in the ready queue. The parent is
        // resumed from a callback, not a bare runnable: a runnable counts as a
        // continuation, and waking a task from inside one sends it to the back of the
        // queue, behind whatever the child scheduled (asyncio returns from create_task first).
        host.callSoonFirst(parent.resumer, parent.context);
        scheduler.launch(this, thread, Launch.FRONT);
        parent.suspend();
    }

    /** Parks the calling task (this one) until {@link #resume()}; keeps interrupts. */
    private void suspend() {
        boolean interrupted = false;
        while (!resumed) {
            scheduler.block(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        resumed = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the parked task now, from a callback on the loop thread. */
    private void resume() {
        if (done()) {
            return;
        }
        resumed = true;
        scheduler.wake(this);
    }

    /** Throws the cancellation requested while the task was not waiting on a future. */
    private void deliverPendingCancel() {
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledException(pendingCancelMessage);
        }
    }

    private void waitOn(Future<?> future) {
        future.addDoneCallback(wakeup, context);
        waitingOn = future;
        if (mustCancel && future.cancel(pendingCancelMessage)) {
            mustCancel = false;
        }
        try {
            suspend();
        } finally {
            waitingOn = null;
        }
        deliverPendingCancel();
    }

    /**
     * Lets every callback and task that is ready run once, then continues: what
     * {@code AsyncIO.sleep(0)} does (asyncio's bare {@code yield}). A pending cancellation
     * is delivered here.
     */
    public static void yieldNow() {
        Task<?> task = requireCurrent("sleep(0)");
        task.getLoop().callSoon(task.resumer, task.context);
        task.suspend();
        task.deliverPendingCancel();
    }

    /** The current task, or an {@link IllegalStateException} saying {@code operation} needs one. */
    public static Task<?> requireCurrent(String operation) {
        Task<?> task = current();
        if (task == null) {
            throw new IllegalStateException(operation + " must be called inside a task (a coroutine run by "
                    + "AsyncIO.run, loop.createTask or loop.runUntilComplete), not on " + Thread.currentThread()
                    + "; from a callback use future.addDoneCallback, from another thread "
                    + "AsyncIO.runCoroutineThreadsafe");
        }
        return task;
    }

    static void awaitFuture(Future<?> future) {
        Task<?> task = requireCurrent("await()");
        if (future.getLoop() != task.getLoop()) {
            throw new IllegalStateException("Task " + task.getName() + " got " + future
                    + " attached to a different loop");
        }
        if (future == task) {
            throw new IllegalStateException("Task cannot await on itself: " + task);
        }
        if (!future.done()) {
            task.waitOn(future);
        }
    }

    @Override
    String kindName() {
        return "Task";
    }

    @Override
    String describeIdentity() {
        return " name='" + getName() + "'";
    }
}
