package org.jasyncio.internal.core;

import org.jasyncio.context.Context;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.Handle;

/**
 * A callback in the ready queue. It runs in its context; what it throws goes to the loop's
 * exception handler (asyncio's {@code Handle._run}).
 *
 * <p>Design note: one is allocated per {@code callSoon}, so it holds only what running
 * needs (24 bytes with compressed pointers). The loop passes itself to {@link #runIn};
 * in debug mode the callback is wrapped with where it was scheduled
 * ({@link TracedCallback}) instead of every handle carrying a field for it.
 */
class CallbackHandle implements Handle {
    private final Runnable callback;
    private final Context context;
    private volatile boolean cancelled;

    CallbackHandle(BaseLoop loop, Runnable callback, Context context) {
        this.callback = loop.getDebug() ? new TracedCallback(callback, new Throwable("handle created here")) : callback;
        this.context = context;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public final boolean cancelled() {
        return cancelled;
    }

    @Override
    public final Context getContext() {
        return context;
    }

    /** The callback as it was given. */
    final Runnable callback() {
        return callback instanceof TracedCallback traced ? traced.callback() : callback;
    }

    /** Runs the callback on {@code loop}'s thread with {@code state}'s context swapped for its own. */
    final void runIn(BaseLoop loop, ExecState state) {
        if (cancelled) {
            return;
        }
        Context previous = state.swapContext(context);
        try {
            callback.run();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw t;
            }
            ExceptionContext report = ExceptionContext.of("Exception in callback " + describeCallback(), t)
                    .with(ExceptionContext.HANDLE, this);
            if (callback instanceof TracedCallback traced) {
                report = report.with(ExceptionContext.SOURCE_TRACEBACK, traced.sourceTraceback());
            }
            loop.callExceptionHandler(report);
        } finally {
            state.swapContext(previous);
        }
    }

    final String describeCallback() {
        return callback().toString();
    }

    @Override
    public String toString() {
        return "<Handle" + (cancelled ? " cancelled" : "") + " " + describeCallback() + ">";
    }

    /** A callback scheduled in debug mode, with the stack that scheduled it. */
    private record TracedCallback(Runnable callback, Throwable sourceTraceback) implements Runnable {
        @Override
        public void run() {
            callback.run();
        }

        @Override
        public String toString() {
            return callback.toString();
        }
    }
}
