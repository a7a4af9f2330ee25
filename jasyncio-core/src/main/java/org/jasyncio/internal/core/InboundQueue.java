package org.jasyncio.internal.core;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jasyncio.internal.io.IoBackend;

/**
 * Work handed to the loop by other threads ({@code callSoonThreadsafe}, virtual-thread
 * continuations resumed by JDK threads), with the wake-up handshake.
 *
 * <p>Design note: the loop sets {@code sleeping} before it blocks and then checks the
 * queue once more; a producer adds, then wakes the backend only if it sees
 * {@code sleeping} and is the one to clear it. Either the loop sees the item or the
 * producer sees the flag, so no arrival is missed and a burst costs one wake-up.
 */
final class InboundQueue {
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final IoBackend backend;

    InboundQueue(IoBackend backend) {
        this.backend = backend;
    }

    /** Any thread. */
    void add(Object item) {
        queue.offer(item);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            backend.wakeup();
        }
    }

    /** Loop thread: announce a blocking poll; returns whether work arrived meanwhile. */
    boolean prepareToSleep() {
        sleeping.set(true);
        return !queue.isEmpty();
    }

    /** Loop thread: the poll returned. */
    void awake() {
        sleeping.lazySet(false);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Loop thread: moves everything that has arrived to the end of {@code ready}. */
    void drainTo(ArrayDeque<Object> ready) {
        Object item;
        while ((item = queue.poll()) != null) {
            ready.addLast(item);
        }
    }

    void clear() {
        queue.clear();
    }
}
