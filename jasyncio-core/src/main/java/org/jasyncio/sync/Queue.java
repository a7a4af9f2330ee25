package org.jasyncio.sync;

import java.util.ArrayDeque;
import java.util.Objects;

import org.jasyncio.task.Future;

/**
 * A first-in, first-out queue between tasks: asyncio's {@code Queue}, with 3.13's
 * {@link #shutdown(boolean)}. {@link PriorityQueue} and {@link LifoQueue} change only the
 * order items come out in.
 *
 * <pre>{@code
 * Queue<Job> jobs = new Queue<>(100);
 * producer: jobs.put(job);                              // waits while 100 are queued
 * consumer: Job j = jobs.get(); try { run(j); } finally { jobs.taskDone(); }
 * main:     jobs.join();                                // until every job is done
 * }</pre>
 *
 * <p>Waiting getters and putters are served first come, first served. A waiting
 * {@link #get()} is only <em>woken</em> when an item arrives; it takes the item when it
 * runs. So a get cancelled after the wake-up never drops an item: the item stays queued
 * and the next getter is woken instead. The same holds for putters and free room.
 *
 * <p>Items may not be {@code null}. Threading: loop-confined (see the package comment).
 *
 * @param <E> the item type
 */
public sealed class Queue<E> permits PriorityQueue, LifoQueue {
    private final int maxsize;
    private final java.util.Queue<E> items;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final LoopBinding binding = new LoopBinding();
    private final Event finished = new Event();
    private int unfinishedTasks;
    private boolean isShutdown;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items; zero or less means unbounded. */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** A queue whose items come out in the order {@code items} gives them. */
    Queue(int maxsize, java.util.Queue<E> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** How many items are queued. */
    public final int qsize() {
        return items.size();
    }

    /** The most items the queue holds; zero or less for unbounded. */
    public final int maxsize() {
        return maxsize;
    }

    /** Whether no item is queued. */
    public final boolean empty() {
        return items.isEmpty();
    }

    /** Whether {@code maxsize} items are queued (never for an unbounded queue). */
    public final boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * Puts {@code item} in the queue, waiting for room while it is full.
     *
     * @throws QueueShutDownException when the queue is shut down
     */
    public final void put(E item) {
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDownException("put() on a queue that was shut down");
            }
            awaitWakeUp(putters, true);
        }
        putNowait(item);
    }

    /**
     * Waits in {@code waiters} (putters when {@code forRoom}, else getters) until woken.
     * Leaving early by an exception after the wake-up passes the wake-up on, so the room
     * or the item it announced is not lost.
     */
    private void awaitWakeUp(ArrayDeque<Future<Void>> waiters, boolean forRoom) {
        Future<Void> waiter = binding.loop(this).createFuture();
        waiters.addLast(waiter);
        try {
            waiter.await();
        } catch (Throwable t) {
            waiter.cancel();   // in case it is not done yet
            waiters.remove(waiter);
            boolean stillThere = forRoom ? !full() : !items.isEmpty();
            if (stillThere && !waiter.cancelled()) {
                // We were woken for room or an item we will not use: wake the next one.
                Waiters.popAndWakeNext(waiters);
            }
            throw t;
        }
    }

    /**
     * Puts {@code item} in the queue if there is room now.
     *
     * @throws QueueFullException when the queue is full
     * @throws QueueShutDownException when the queue is shut down
     */
    public final void putNowait(E item) {
        Objects.requireNonNull(item, "a Queue does not hold null; wrap the value (e.g. in an Optional)");
        if (isShutdown) {
            throw new QueueShutDownException("putNowait() on a queue that was shut down");
        }
        if (full()) {
            throw new QueueFullException(maxsize);
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        Waiters.popAndWakeNext(getters);
    }

    /**
     * Takes the next item, waiting for one while the queue is empty.
     *
     * @throws QueueShutDownException when the queue is shut down and empty, or was shut
     *         down immediately
     */
    public final E get() {
        while (items.isEmpty()) {
            if (isShutdown) {
                throw new QueueShutDownException("get() on an empty queue that was shut down");
            }
            awaitWakeUp(getters, false);
        }
        return getNowait();
    }

    /**
     * Takes the next item if there is one now.
     *
     * @throws QueueEmptyException when the queue is empty
     * @throws QueueShutDownException when the queue is empty and shut down
     */
    public final E getNowait() {
        E item = items.poll();
        if (item == null) {
            if (isShutdown) {
                throw new QueueShutDownException("getNowait() on an empty queue that was shut down");
            }
            throw new QueueEmptyException();
        }
        Waiters.popAndWakeNext(putters);
        return item;
    }

    /**
     * Says that an item taken with {@code get} has been processed (asyncio's
     * {@code task_done()}); when every item put has been, {@link #join()} returns.
     *
     * @throws IllegalStateException when called more often than items were put
     *         (asyncio's ValueError)
     */
    public final void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /** Waits until every item put has been taken and marked done with {@link #taskDone()}. */
    public final void join() {
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    /** {@link #shutdown(boolean) shutdown(false)}. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: puts throw {@link QueueShutDownException} from now on, and so
     * do gets once the queue is empty. With {@code immediate} the queued items are dropped
     * (each counted done for {@link #join()}) and gets throw at once. Every waiting
     * {@code put} and {@code get} is woken to see it.
     */
    public final void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (items.poll() != null) {
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        // Every waiter re-checks the queue and sees the shutdown.
        wakeAll(getters);
        wakeAll(putters);
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            sb.append(" _queue=").append(items);
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
