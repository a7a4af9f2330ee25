package org.jasyncio.internal.core;

import org.jasyncio.context.Context;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.Handle;

/**
 * A callback in the ready queue. It runs in its context; what it throws goes to the loop's
 * exception handler (asyncio's {@code Handle._run}).
 */
class CallbackHandle implements Handle {
    final BaseLoop loop;
    private final Runnable callback;
    private final Context context;
    /** Where it was scheduled; recorded in debug mode only. */
    private final Throwable sourceTraceback;
    private volatile boolean cancelled;

    CallbackHandle(BaseLoop loop, Runnable callback, Context context) {
        this.loop = loop;
        this.callback = callback;
        this.context = context;
        this.sourceTraceback = loop.getDebug() ? new Throwable("handle created here") : null;
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

    final Runnable callback() {
        return callback;
    }

    /** Runs the callback with {@code state}'s context swapped for its own. */
    final void runIn(ExecState state) {
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
            if (sourceTraceback != null) {
                report = report.with(ExceptionContext.SOURCE_TRACEBACK, sourceTraceback);
            }
            loop.callExceptionHandler(report);
        } finally {
            state.swapContext(previous);
        }
    }

    final String describeCallback() {
        return callback.toString();
    }

    @Override
    public String toString() {
        return "<Handle" + (cancelled ? " cancelled" : "") + " " + describeCallback() + ">";
    }
}
