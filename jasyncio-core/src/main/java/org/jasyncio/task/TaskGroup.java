package org.jasyncio.task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jasyncio.context.Context;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;

/**
 * Tasks that live and die together: asyncio 3.11's {@code TaskGroup}, plus Trio's
 * {@code nursery.start}.
 *
 * <pre>{@code
 * AsyncIO.taskGroup(tg -> {
 *     Task<User> user = tg.createTask(() -> loadUser(id));
 *     Task<List<Order>> orders = tg.createTask(() -> loadOrders(id));
 * });   // both are done here, or this threw
 * }</pre>
 *
 * <p>{@link #run} runs the body in the current task (the parent) and then waits for
 * every task of the group. The first task to fail cancels the others and the parent's
 * body; once all have finished, {@link ExceptionGroup} is thrown with every failure (the
 * body's own, if it threw, included). Cancelling the parent cancels the group's tasks,
 * waits for them, and the {@link CancelledException} goes on. A cancellation the group
 * itself caused is withdrawn with {@link Task#uncancel()} before the group's failure is
 * thrown, so the parent can catch {@link ExceptionGroup} and carry on.
 *
 * <p>Design note: why {@link #run} takes the body instead of try-with-resources. The exit
 * must see what the body threw: a {@link CancelledException} the group caused becomes the
 * {@link ExceptionGroup}, and any other exception joins it. Java's try-with-resources
 * calls {@code close()} without that exception and keeps it whatever {@code close()}
 * throws, so it would let the group's own cancellation escape. {@link #run} is
 * {@code async with}, exactly.
 *
 * <p>Threading: loop-confined; {@link #run} must be called inside a task. Any task of the
 * loop may add tasks to a running group.
 */
public final class TaskGroup {
    /** The body of a group: asyncio's {@code async with TaskGroup() as tg:} block. */
    @FunctionalInterface
    public interface Body {
        void run(TaskGroup tg) throws Exception;
    }

    /** A child started with {@link #start}: it calls {@link TaskStatus#started} when ready. */
    @FunctionalInterface
    public interface StartBody<V> {
        void run(TaskStatus<V> status) throws Exception;
    }

    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private EventLoop loop;
    private Task<?> parent;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Void> onCompleted;
    private final Consumer<Future<?>> onTaskDone = f -> taskDone((Task<?>) f);

    /** A group not entered yet; {@link #run} enters it. */
    public TaskGroup() {
    }

    /**
     * Runs {@code body} in the current task, then waits for every task of the group:
     * asyncio's {@code async with tg:}.
     *
     * @throws ExceptionGroup when tasks of the group (or the body) failed
     * @throws CancelledException when the parent was cancelled from outside and nothing failed
     * @throws IllegalStateException when entered twice or outside a task
     */
    public void run(Body body) {
        Objects.requireNonNull(body, "body");
        enter();
        Throwable failure = null;
        try {
            body.run(this);
        } catch (Throwable t) {
            failure = t;
        }
        exit(failure);
    }

    private void enter() {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        parent = Task.requireCurrent("TaskGroup");
        loop = parent.getLoop();
        entered = true;
    }

    /** asyncio's {@code __aexit__}; throws what leaves the group, returns when nothing does. */
    private void exit(Throwable failure) {
        exiting = true;
        if (failure != null && isBaseError(failure) && baseError == null) {
            baseError = failure;
        }
        CancelledException propagateCancellation = failure instanceof CancelledException c ? c : null;
        if (failure != null && !aborting) {
            // The parent is being cancelled, or the body threw: stop the children.
            abort();
        }
        // A loop, because the parent may be cancelled again while it waits here.
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                onCompleted.await();
            } catch (CancelledException cancelled) {
                if (!aborting) {
                    // The parent was cancelled while waiting for the children.
                    propagateCancellation = cancelled;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) {
            throw Future.<RuntimeException>sneaky(baseError);
        }
        if (parentCancelRequested) {
            // We cancelled the parent ourselves: withdraw it. With nothing else pending,
            // the cancellation must not leave the group.
            if (parent.uncancel() == 0) {
                propagateCancellation = null;
            }
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (failure != null && !(failure instanceof CancelledException)) {
            errors.add(failure);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // Cancelled from outside as well: re-request it so the count stays right
                // and the parent is still cancelled after handling the group's failure.
                parent.uncancel();
                parent.cancel();
            }
            List<Throwable> all = errors;
            errors = null;
            throw new ExceptionGroup("unhandled errors in a TaskGroup", all);
        }
        if (failure != null) {
            // Only a cancellation can get here; it goes on.
            throw Future.<RuntimeException>sneaky(failure);
        }
    }

    // ------------------------------------------------------------------ adding tasks

    /** Creates a task in this group: asyncio's {@code tg.create_task(coro)}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    /**
     * Creates a task in this group, named {@code name} ({@code null}: {@code Task-N}),
     * running in {@code context} ({@code null}: a copy of the current one).
     *
     * @throws IllegalStateException when the group is not entered, finished or shutting down
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        Objects.requireNonNull(coroutine, "coroutine");
        checkAccepting();
        Task<T> task = loop.createTask(coroutine, name, context);
        adopt(task);
        return task;
    }

    /**
     * Starts a child and waits until it says it is ready, then returns what it passed to
     * {@link TaskStatus#started}: Trio's {@code nursery.start}. Until then the child
     * belongs to the caller: if it fails first, this throws its exception (the group is
     * not affected); if the caller is cancelled, the child is cancelled and waited for.
     * Once ready, the child is a task of the group like any other.
     *
     * <pre>{@code
     * int port = tg.start(status -> {
     *     Server s = listen(0);
     *     status.started(s.port());
     *     s.serveForever();
     * });
     * }</pre>
     *
     * @throws IllegalStateException when the child finished without calling started()
     */
    public <V> V start(StartBody<V> body) {
        return start(body, null);
    }

    /** {@link #start(StartBody)} with a task name. */
    public <V> V start(StartBody<V> body, String name) {
        Objects.requireNonNull(body, "body");
        checkAccepting();
        Future<V> ready = loop.createFuture();
        TaskStatus<V> status = new TaskStatus<>(this, ready);
        // The child records itself: an eager task factory runs it before createTask returns.
        Task<Void> child = loop.createTask(Coroutine.of(() -> {
            status.child = Task.current();
            body.run(status);
        }), name);
        if (child.done()) {
            childEndedBeforeReady(child, ready);
        } else {
            child.addDoneCallback(c -> childEndedBeforeReady(c, ready));
        }
        try {
            return ready.await();
        } catch (CancelledException cancelled) {
            if (!status.adopted) {
                cancelAndJoin(child);
            }
            throw cancelled;
        }
    }

    private static <V> void childEndedBeforeReady(Future<Void> child, Future<V> ready) {
        if (ready.done()) {
            return;
        }
        if (child.cancelled()) {
            ready.cancel();
            return;
        }
        Throwable error = child.exception();
        ready.setException(error != null ? error
                : new IllegalStateException("the child of TaskGroup.start() finished without calling "
                        + "status.started()"));
    }

    /** Cancels {@code child} and waits for it, whatever further cancellations arrive. */
    private static void cancelAndJoin(Task<?> child) {
        child.cancel();
        CancelledException again = null;
        while (!child.done()) {
            Future<Void> finished = child.getLoop().createFuture();
            child.addDoneCallback(c -> {
                if (!finished.done()) {
                    finished.setResult(null);
                }
            });
            try {
                finished.await();
            } catch (CancelledException c) {
                again = c;
            }
        }
        if (!child.cancelled()) {
            child.exception();   // reported by start()'s caller already being cancelled
        }
        if (again != null) {
            throw again;
        }
    }

    /** Called by {@link TaskStatus#started}: the child joins the group. */
    void adoptStarted(Task<?> child) {
        checkAccepting();
        adopt(child);
    }

    private void adopt(Task<?> task) {
        if (task.done()) {
            // Finished eagerly: no callback needed.
            taskDone(task);
        } else {
            tasks.add(task);
            task.addDoneCallback(onTaskDone);
        }
    }

    private void checkAccepting() {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
    }

    // ------------------------------------------------------------------ children finishing

    private static boolean isBaseError(Throwable t) {
        // asyncio re-raises SystemExit and KeyboardInterrupt alone; the JVM's equivalent
        // is a VirtualMachineError (out of memory, internal error, stack overflow).
        return t instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void taskDone(Task<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
            onCompleted.setResult(null);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable error = task.exception();
        if (error == null) {
            return;
        }
        errors.add(error);
        if (isBaseError(error) && baseError == null) {
            baseError = error;
        }
        if (parent.done()) {
            loop.callExceptionHandler(ExceptionContext.of("Task " + task + " has errored out but its parent task "
                    + parent + " is already completed", error).with(ExceptionContext.TASK, task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Interrupt whatever the parent's body awaits now; exit() withdraws this
            // cancellation again before throwing the group's failure.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (errors != null && !errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" cancelling");
        } else if (entered) {
            sb.append(" entered");
        }
        return sb.append('>').toString();
    }
}
