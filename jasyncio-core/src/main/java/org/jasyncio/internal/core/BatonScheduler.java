package org.jasyncio.internal.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.jasyncio.task.Task;

/**
 * The fallback when virtual threads cannot be scheduled by the loop (the JVM lacks
 * {@code --add-opens java.base/java.lang}): each task is an ordinary virtual thread, and
 * the loop thread and the task pass a baton so that only one of them runs at a time.
 *
 * <p>Design note: correct but slow (a hand-off costs two thread switches, measured at
 * 15-20 k/s), and a blocking JDK call inside a task blocks the loop too, because the loop
 * waits for the baton. The loop warns once when it falls back to this.
 */
final class BatonScheduler implements CoroutineScheduler {
    private final BaseLoop loop;
    private final Semaphore loopBaton = new Semaphore(0);
    private final Map<Task<?>, Semaphore> batons = new ConcurrentHashMap<>();

    BatonScheduler(BaseLoop loop) {
        this.loop = loop;
    }

    @Override
    public String name() {
        return "baton";
    }

    @Override
    public Thread newThread(Task<?> task, Runnable body) {
        Semaphore baton = new Semaphore(0);
        batons.put(task, baton);
        return Thread.ofVirtual().unstarted(() -> {
            baton.acquireUninterruptibly();
            try {
                body.run();
            } finally {
                batons.remove(task);
                loopBaton.release();
            }
        });
    }

    @Override
    public void launch(Task<?> task, Thread thread, Launch how) {
        thread.start();
        Runnable firstStep = () -> wake(task);
        switch (how) {
            case BACK -> loop.readyAdd(firstStep);
            case FRONT -> loop.readyPushFront(firstStep);
            case INLINE -> {
                if (loop.ownsThread(Thread.currentThread())) {
                    loop.readyPushFront(firstStep);
                } else {
                    firstStep.run();
                }
            }
        }
    }

    @Override
    public void block(Task<?> task) {
        loop.stepped(task);
        Semaphore baton = batons.get(task);
        loopBaton.release();
        baton.acquireUninterruptibly();
    }

    @Override
    public boolean yieldNow(Task<?> task) {
        return false;
    }

    @Override
    public void wake(Task<?> task) {
        Semaphore baton = batons.get(task);
        if (baton == null) {
            return;
        }
        baton.release();
        loopBaton.acquireUninterruptibly();
    }

    @Override
    public void runReadyItem(Runnable item) {
        item.run();
    }

    @Override
    public void finished(Task<?> task) {
        // The baton is dropped by the thread itself when its body returns.
    }
}
