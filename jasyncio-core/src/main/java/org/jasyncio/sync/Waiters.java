package org.jasyncio.sync;

import java.util.ArrayDeque;

import org.jasyncio.task.Future;

/** Helpers over a FIFO of waiter futures, shared by the primitives. */
final class Waiters {
    private Waiters() {
    }

    /**
     * Queues {@code fut} at the back of {@code waiters}, waits until it is woken (or the
     * task is cancelled), and leaves the queue either way.
     */
    static void awaitTurn(ArrayDeque<Future<Void>> waiters, Future<Void> fut) {
        waiters.addLast(fut);
        try {
            fut.await();
        } finally {
            waiters.remove(fut);
        }
    }

    /** Whether every waiter is cancelled (or there is none). */
    static boolean allCancelled(ArrayDeque<Future<Void>> waiters) {
        for (Future<Void> w : waiters) {
            if (!w.cancelled()) {
                return false;
            }
        }
        return true;
    }

    /** Wakes the first waiter if it is not done yet; returns whether one was woken. */
    static boolean wakeFirst(ArrayDeque<Future<Void>> waiters) {
        Future<Void> first = waiters.peekFirst();
        if (first != null && !first.done()) {
            first.setResult(null);
            return true;
        }
        return false;
    }

    /** Removes waiters from the front until one that is not done is woken; returns whether one was. */
    static boolean popAndWakeNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.done()) {
                w.setResult(null);
                return true;
            }
        }
        return false;
    }
}
