package org.jasyncio.sync;

import java.util.Comparator;

/**
 * A {@link Queue} whose {@code get} returns the smallest item first: asyncio's
 * {@code PriorityQueue}. Items compare by their natural order (asyncio's tuples
 * {@code (priority, data)} become a record implementing {@link Comparable}) or by the
 * comparator given. Items of equal priority come out in no particular order.
 *
 * @param <E> the item type
 */
public final class PriorityQueue<E> extends Queue<E> {
    /** An unbounded queue ordered by the items' natural order. */
    public PriorityQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items (zero or less: unbounded), by natural order. */
    public PriorityQueue(int maxsize) {
        super(maxsize, new java.util.PriorityQueue<>());
    }

    /** A queue of at most {@code maxsize} items ordered by {@code comparator}. */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(comparator));
    }
}
