package org.jasyncio.internal.core;

import java.util.concurrent.ForkJoinPool;

/**
 * Carriers for virtual threads that are not tasks but inherited a loop as their scheduler.
 *
 * <p>Design note: the JDK gives a virtual thread created by another virtual thread (with
 * a builder that names no scheduler) its parent's scheduler. So a thread started inside
 * a task, by user code ({@code Thread.ofVirtual().start(...)}, a virtual-thread-per-task
 * executor) or by the JDK itself (the pollers behind blocking socket calls are created
 * lazily by the first virtual thread that blocks), would be scheduled by that task's
 * loop: it would run on the loop thread, and would never run again once that loop
 * stopped or closed. Such threads are not tasks and owe the loop nothing, so the loop
 * hands their continuations to this pool, which stands in for the JDK's default
 * virtual-thread scheduler (a FIFO fork-join pool with one worker per processor).
 */
final class InheritedVirtualThreads {
    private static final ForkJoinPool CARRIERS = new ForkJoinPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            pool -> {
                var worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                worker.setName("jasyncio-inherited-vthread-carrier-" + worker.getPoolIndex());
                worker.setDaemon(true);
                return worker;
            },
            null, true);

    private InheritedVirtualThreads() {
    }

    /** Runs a continuation of a non-task virtual thread on the carrier pool. Any thread. */
    static void execute(Runnable continuation) {
        CARRIERS.execute(continuation);
    }
}
