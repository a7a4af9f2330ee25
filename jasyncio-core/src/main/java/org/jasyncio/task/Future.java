package org.jasyncio.task;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jasyncio.context.Context;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;

/**
 * A result that arrives later, on one loop: asyncio's {@code Future}.
 *
 * <p>Done callbacks are always scheduled through the loop ({@link EventLoop#callSoon}),
 * never run inline. An exception nobody retrieves is reported through the loop's
 * exception handler when the future is garbage-collected ("Future exception was never
 * retrieved"). Not thread-safe: use it from its loop; {@link #toCompletableFuture()}
 * bridges to other threads.
 *
 * <p>{@link #result()} and {@link #await()} re-throw the stored exception itself, as
 * asyncio does, even when it is a checked exception; catch {@code Exception} to see those.
 *
 * @param <T> the result type
 */
public class Future<T> {
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, "jasyncio-unretrieved-exceptions");
        t.setDaemon(true);
        return t;
    });

    private static final byte PENDING = 0;
    private static final byte CANCELLED = 1;
    private static final byte FINISHED = 2;

    private final EventLoop loop;
    private byte state = PENDING;
    private T result;
    private Throwable exception;
    private String cancelMessage;
    /** The cancellation raised inside a task that ended it; the cause of what result() throws. */
    private Throwable cancelCause;
    /** null, one {@link Callback}, or a {@code List<Callback>}. */
    private Object callbacks;
    private UnretrievedReport unretrieved;
    private final Throwable sourceTraceback;

    /** A pending future attached to {@code loop}; {@link EventLoop#createFuture()} is the usual way. */
    public Future(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.sourceTraceback = loop.getDebug() ? new Throwable("future created here") : null;
    }

    /** The loop this future belongs to. */
    public final EventLoop getLoop() {
        return loop;
    }

    // ------------------------------------------------------------------ state

    public final boolean done() {
        return state != PENDING;
    }

    public final boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result. Throws the stored exception (itself), a {@link CancelledException} if
     * cancelled, or {@link InvalidStateException} if not done yet.
     */
    public final T result() {
        switch (state) {
            case CANCELLED -> throw makeCancelledException();
            case PENDING -> throw new InvalidStateException("Result is not ready.");
            default -> {
                if (exception != null) {
                    markRetrieved();
                    throw Future.<RuntimeException>sneaky(exception);
                }
                return result;
            }
        }
    }

    /**
     * The exception, or {@code null} when the future has a result. Throws
     * {@link CancelledException} if cancelled, {@link InvalidStateException} if not done.
     */
    public final Throwable exception() {
        switch (state) {
            case CANCELLED -> throw makeCancelledException();
            case PENDING -> throw new InvalidStateException("Exception is not set.");
            default -> {
                markRetrieved();
                return exception;
            }
        }
    }

    /** Marks the future done with {@code value} and schedules its callbacks. */
    public void setResult(T value) {
        checkThread("setResult");
        if (state != PENDING) {
            throw new InvalidStateException(stateName() + ": " + this);
        }
        complete(value);
    }

    /** Marks the future done with {@code error} and schedules its callbacks. */
    public void setException(Throwable error) {
        Objects.requireNonNull(error, "error");
        checkThread("setException");
        if (state != PENDING) {
            throw new InvalidStateException(stateName() + ": " + this);
        }
        completeExceptionally(error);
    }

    /** Cancels the future: {@code cancel(null)}. */
    public final boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks; {@code message} becomes the message
     * of the {@link CancelledException} that awaiting it throws. Returns {@code false} if
     * it was already done.
     */
    public boolean cancel(String message) {
        checkThread("cancel");
        if (state != PENDING) {
            return false;
        }
        completeCancelled(message, null);
        return true;
    }

    // ------------------------------------------------------------------ callbacks

    /**
     * Schedules {@code callback} when the future is done (now, if it already is), in a copy
     * of the current context (Python's {@code copy_context()}): what the callback sets
     * does not leak into the code that added it.
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback) {
        addDoneCallback(callback, Context.copyCurrent());
    }

    /** {@link #addDoneCallback(Consumer)} in {@code context}. */
    public final void addDoneCallback(Consumer<? super Future<T>> callback, Context context) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(context, "context");
        checkThread("addDoneCallback");
        Callback<T> entry = new Callback<>(callback, context);
        if (state != PENDING) {
            schedule(entry);
            return;
        }
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = entry;
        } else if (cbs instanceof Callback<?>) {
            List<Object> list = new ArrayList<>(4);
            list.add(cbs);
            list.add(entry);
            callbacks = list;
        } else {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) cbs;
            list.add(entry);
        }
    }

    /** Removes every registration of {@code callback}; returns how many were removed. */
    public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
        checkThread("removeDoneCallback");
        Object cbs = callbacks;
        if (cbs == null) {
            return 0;
        }
        if (cbs instanceof Callback<?> single) {
            if (single.fn == callback) {
                callbacks = null;
                return 1;
            }
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Callback<?>> list = (List<Callback<?>>) cbs;
        int before = list.size();
        list.removeIf(c -> c.fn == callback);
        return before - list.size();
    }

    // ------------------------------------------------------------------ awaiting and bridges

    /**
     * Waits for the future inside a task, then returns its result (or throws its
     * exception). Does not suspend if the future is already done.
     *
     * @throws IllegalStateException when called outside a task of this future's loop
     */
    public final T await() {
        Task.awaitFuture(this);
        return result();
    }

    /**
     * A {@link CompletableFuture} completed with this future's outcome, usable from any
     * thread. Cancelling it cancels this future (on the loop's thread).
     */
    public final CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> bridge = new CompletableFuture<>();
        addDoneCallback(f -> {
            if (f.cancelled()) {
                bridge.cancel(false);
            } else if (f.exception() != null) {
                bridge.completeExceptionally(f.exception());
            } else {
                bridge.complete(f.result());
            }
        });
        bridge.whenComplete((r, e) -> {
            if (bridge.isCancelled() && !loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> cancel());
                } catch (IllegalStateException closed) {
                    // the loop closed meanwhile: nothing left to cancel
                }
            }
        });
        return bridge;
    }

    // ------------------------------------------------------------------ for Task and subclasses

    /** Completes with a value; no checks. */
    final void complete(T value) {
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    final void completeExceptionally(Throwable error) {
        exception = error;
        state = FINISHED;
        unretrieved = UnretrievedReport.register(this, error);
        scheduleCallbacks();
    }

    final void completeCancelled(String message, Throwable cause) {
        cancelMessage = message;
        cancelCause = cause;
        state = CANCELLED;
        scheduleCallbacks();
    }

    /** The message given to {@link #cancel(String)}, once cancelled. */
    final String cancelMessage() {
        return cancelMessage;
    }

    /** A new {@link CancelledException} carrying the cancellation's message and cause. */
    final CancelledException makeCancelledException() {
        return new CancelledException(cancelMessage, cancelCause);
    }

    /** Throws if a foreign thread touches the future while its loop runs. */
    final void checkThread(String operation) {
        if (loop.isRunning() && !loop.inLoopThread()) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + operation
                    + "() is not thread-safe and was called from " + Thread.currentThread()
                    + " while its loop runs on another thread; use loop.callSoonThreadsafe(...)");
        }
    }

    /** "Future" or "Task": used in reports. */
    String kindName() {
        return "Future";
    }

    /** Extra words for {@link #toString()} after the kind (a task adds its name). */
    String describeIdentity() {
        return "";
    }

    private void markRetrieved() {
        UnretrievedReport report = unretrieved;
        if (report != null) {
            unretrieved = null;
            report.retrieved();
        }
    }

    private void scheduleCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof Callback<?> single) {
            @SuppressWarnings("unchecked")
            Callback<T> one = (Callback<T>) single;
            schedule(one);
        } else {
            @SuppressWarnings("unchecked")
            List<Callback<T>> list = (List<Callback<T>>) cbs;
            for (Callback<T> c : list) {
                schedule(c);
            }
        }
    }

    private void schedule(Callback<T> entry) {
        Consumer<? super Future<T>> fn = entry.fn;
        loop.callSoon(new DoneCallbackRun<>(fn, this), entry.context);
    }

    private String stateName() {
        return switch (state) {
            case PENDING -> "PENDING";
            case CANCELLED -> "CANCELLED";
            default -> "FINISHED";
        };
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(kindName());
        sb.append(' ').append(stateName().toLowerCase(java.util.Locale.ROOT));
        sb.append(describeIdentity());
        if (state == FINISHED) {
            if (exception != null) {
                sb.append(" exception=").append(exception);
            } else {
                sb.append(" result=").append(result);
            }
        }
        Object cbs = callbacks;
        if (cbs != null) {
            int n = cbs instanceof List<?> l ? l.size() : 1;
            sb.append(" cb=[").append(n).append(n == 1 ? " callback]" : " callbacks]");
        }
        return sb.append('>').toString();
    }

    Throwable sourceTraceback() {
        return sourceTraceback;
    }

    private record Callback<T>(Consumer<? super Future<T>> fn, Context context) {
    }

    /** A done callback bound to its future; prints as the callback does. */
    private record DoneCallbackRun<T>(Consumer<? super Future<T>> fn, Future<T> future) implements Runnable {
        @Override
        public void run() {
            fn.accept(future);
        }

        @Override
        public String toString() {
            return fn.toString();
        }
    }

    /**
     * Reports an exception nobody retrieved, once its future is unreachable.
     *
     * <p>Design note: asyncio does this in {@code __del__}; here a {@link Cleaner} action
     * holds what the report needs (never the future itself) and hands the report to the
     * loop thread. Retrieving the exception deregisters it.
     */
    private static final class UnretrievedReport implements Runnable {
        private final EventLoop loop;
        private final Throwable error;
        private final String description;
        private final Throwable sourceTraceback;
        private final boolean task;
        private volatile boolean retrieved;
        private Cleaner.Cleanable cleanable;

        private UnretrievedReport(Future<?> f, Throwable error) {
            this.loop = f.loop;
            this.error = error;
            this.description = f.kindName() + f.describeIdentity();
            this.sourceTraceback = f.sourceTraceback();
            this.task = f instanceof Task<?>;
        }

        static UnretrievedReport register(Future<?> f, Throwable error) {
            UnretrievedReport report = new UnretrievedReport(f, error);
            report.cleanable = CLEANER.register(f, report);
            return report;
        }

        void retrieved() {
            retrieved = true;
            cleanable.clean();
        }

        @Override
        public void run() {
            if (retrieved) {
                return;
            }
            ExceptionContext context = ExceptionContext
                    .of((task ? "Task" : "Future") + " exception was never retrieved", error)
                    .with(task ? ExceptionContext.TASK : ExceptionContext.FUTURE, "<" + description + " finished>");
            if (sourceTraceback != null) {
                context = context.with(ExceptionContext.SOURCE_TRACEBACK, sourceTraceback);
            }
            ExceptionContext report = context;
            if (!loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> loop.callExceptionHandler(report));
                    return;
                } catch (IllegalStateException closedMeanwhile) {
                    // fall through: report directly
                }
            }
            loop.callExceptionHandler(report);
        }
    }
}
