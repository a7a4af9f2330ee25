package org.jasyncio.internal.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

import org.jasyncio.task.Task;

/**
 * Tasks as virtual threads whose scheduler is the loop.
 *
 * <p>Design note: the JDK hands us a continuation through {@link #execute} whenever one
 * of our virtual threads becomes runnable: when it starts, when it is unparked, when it
 * yields. Where it goes depends on who asked:
 * <ul>
 *   <li>the scheduler itself, through a <em>directive</em> set just before it starts or
 *       unparks the thread: run it now ({@code wake}, an eager start), put it at the
 *       front, or at the back of the ready queue;</li>
 *   <li>the loop thread or one of its tasks (a yield, a JDK-internal park/unpark): the
 *       back of the ready queue;</li>
 *   <li>any other thread (a JDK poller finishing a blocking socket call made inside a
 *       task, the timer thread behind {@code Thread.sleep}): the thread-safe inbound
 *       queue, which wakes the loop.</li>
 * </ul>
 * A continuation never runs inside another one ({@code inContinuation}).
 *
 * <p>Only tasks' continuations go to the loop. A virtual thread started inside a task
 * inherits this scheduler too (the JDK's rule), but it is not a task: its continuations
 * go to {@link InheritedVirtualThreads}. Tasks' continuations are recorded when they are
 * launched ({@code taskContinuations}, read by any thread) and forgotten when the task
 * finishes; the one running now ({@code running}) is recognised without a lookup.
 */
final class VirtualThreadScheduler implements CoroutineScheduler, Executor {
    private final BaseLoop loop;
    private final Thread.Builder.OfVirtual builder;

    private Launch directive;
    private Thread directiveThread;
    private boolean inContinuation;
    /** The continuations of this loop's live tasks. */
    private final Set<Runnable> taskContinuations = ConcurrentHashMap.newKeySet();
    /** Set while {@link #launch} starts a task's thread: its first continuation is a task's. */
    private boolean launching;
    /** The continuation running now, or {@code null}. Loop thread only. */
    private Runnable running;
    /** Continuations run so far: tells {@link #yieldNow} whether the JDK really yielded. */
    private long continuationsRun;

    VirtualThreadScheduler(BaseLoop loop) {
        this.loop = loop;
        this.builder = VirtualThreads.builder(this);
    }

    @Override
    public String name() {
        return "virtual-thread";
    }

    @Override
    public Thread newThread(Task<?> task, Runnable body) {
        return builder.unstarted(body);
    }

    @Override
    public void launch(Task<?> task, Thread thread, Launch how) {
        Launch effective = how == Launch.INLINE && inContinuation ? Launch.FRONT : how;
        setDirective(effective);
        launching = true;
        try {
            thread.start();
        } finally {
            launching = false;
            clearDirective();
        }
    }

    @Override
    public void finished(Task<?> task) {
        // Called from the task's own last step, so its continuation is the one running.
        Runnable current = running;
        if (current != null) {
            taskContinuations.remove(current);
        }
    }

    @Override
    public void block(Task<?> task) {
        loop.stepped(task);
        LockSupport.park(task);
    }

    /**
     * {@link Thread#yield()}: the JDK hands the continuation straight back to
     * {@link #execute} from the loop thread, which puts it at the back of the ready queue,
     * with no callback handle, no unpark and no directive. A virtual thread that cannot
     * unmount (pinned by a native frame) does not yield; that shows as no continuation
     * having run meanwhile, and the caller falls back to a wake-up callback.
     */
    @Override
    public boolean yieldNow(Task<?> task) {
        long before = continuationsRun;
        Thread.yield();
        return continuationsRun != before;
    }

    @Override
    public void wake(Task<?> task) {
        setDirective(inContinuation ? Launch.BACK : Launch.INLINE);
        try {
            LockSupport.unpark(task.thread());
        } finally {
            clearDirective();
        }
    }

    @Override
    public void runReadyItem(Runnable continuation) {
        continuationsRun++;
        inContinuation = true;
        running = continuation;
        try {
            continuation.run();
        } finally {
            running = null;
            inContinuation = false;
        }
    }

    @Override
    public void execute(Runnable continuation) {
        Thread current = Thread.currentThread();
        Launch d = directive;
        if (d != null && (current == directiveThread || current == loop.thread())) {
            clearDirective();
            if (launching) {
                taskContinuations.add(continuation);
            }
            switch (d) {
                case INLINE -> {
                    if (inContinuation) {
                        loop.readyAdd(continuation);
                    } else {
                        runReadyItem(continuation);
                    }
                }
                case FRONT -> loop.readyPushFront(continuation);
                case BACK -> loop.readyAdd(continuation);
            }
            return;
        }
        boolean onLoop = current == loop.thread() || loop.ownsThread(current);
        if (onLoop && continuation == running) {
            loop.readyAdd(continuation);    // the running task yields or re-parks: no lookup
        } else if (!taskContinuations.contains(continuation)) {
            InheritedVirtualThreads.execute(continuation);
        } else if (onLoop) {
            loop.readyAdd(continuation);
        } else {
            loop.inboundAdd(continuation);
        }
    }

    private void setDirective(Launch how) {
        directiveThread = Thread.currentThread();
        directive = how;
    }

    private void clearDirective() {
        directive = null;
        directiveThread = null;
    }
}
