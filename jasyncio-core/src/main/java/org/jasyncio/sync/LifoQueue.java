package org.jasyncio.sync;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} whose {@code get} returns the most recently added item first: asyncio's
 * {@code LifoQueue}.
 *
 * @param <E> the item type
 */
public final class LifoQueue<E> extends Queue<E> {
    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }

    /** A stack of at most {@code maxsize} items; zero or less means unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
