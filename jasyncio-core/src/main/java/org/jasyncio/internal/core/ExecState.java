package org.jasyncio.internal.core;

import org.jasyncio.context.Context;
import org.jasyncio.task.Task;

/**
 * What is current on a thread: the loop it runs (a loop thread) or belongs to (a task's
 * virtual thread), the task, and the context. One per thread, found through a
 * {@link ThreadLocal}; the loop keeps a direct reference to its own so running a callback
 * swaps the context without a lookup.
 */
public final class ExecState {
    private static final ThreadLocal<ExecState> CURRENT = new ThreadLocal<>();

    private BaseLoop loop;
    private Task<?> task;
    private Context context;

    private ExecState() {
    }

    /** The calling thread's state, created on first use. */
    public static ExecState current() {
        ExecState state = CURRENT.get();
        if (state == null) {
            state = new ExecState();
            CURRENT.set(state);
        }
        return state;
    }

    /** The calling thread's state, or {@code null} if it never needed one. */
    public static ExecState peek() {
        return CURRENT.get();
    }

    /** Installs the state of a task's thread, at the start of the task. */
    public static ExecState installForTask(TaskHost host, Task<?> task, Context context) {
        ExecState state = new ExecState();
        state.loop = (BaseLoop) host;
        state.task = task;
        state.context = context;
        CURRENT.set(state);
        return state;
    }

    public Context context() {
        Context c = context;
        if (c == null) {
            c = new Context();
            context = c;
        }
        return c;
    }

    /** Makes {@code next} current and returns what was. */
    public Context swapContext(Context next) {
        Context previous = context;
        context = next;
        return previous;
    }

    /** The loop this thread runs or belongs to, or {@code null}. */
    public BaseLoop loop() {
        return loop;
    }

    /** The task running on this thread, or {@code null} on a loop or foreign thread. */
    public Task<?> task() {
        return task;
    }

    void enterLoop(BaseLoop l) {
        this.loop = l;
    }

    void exitLoop() {
        this.loop = null;
    }
}
