package org.jasyncio.internal.core;

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
 */
final class VirtualThreadScheduler implements CoroutineScheduler, Executor {
    private final BaseLoop loop;
    private final Thread.Builder.OfVirtual builder;

    private Launch directive;
    private Thread directiveThread;
    private boolean inContinuation;
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
        try {
            thread.start();
        } finally {
            clearDirective();
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
        try {
            continuation.run();
        } finally {
            inContinuation = false;
        }
    }

    @Override
    public void execute(Runnable continuation) {
        Thread current = Thread.currentThread();
        Launch d = directive;
        if (d != null && (current == directiveThread || current == loop.thread())) {
            clearDirective();
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
        if (current == loop.thread() || loop.ownsThread(current)) {
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
