package org.jasyncio.internal.io;

/**
 * A backend that reports readiness (selectors: nio, epoll, poll, select).
 *
 * <p>One registration per source: the caller (the loop's reader/writer table, a
 * transport) merges its interests into it. Interest and readiness use {@link #READ} and
 * {@link #WRITE}; an error or hang-up is reported as ready for every registered interest,
 * so the owner's next read or write sees it.
 */
public interface ReadinessBackend extends IoBackend {
    /** Ready to read (or accept, or at end of stream, or in error). Same bit as {@code SelectionKey.OP_READ}. */
    int READ = 1;
    /** Ready to write (or connected, or in error). Same bit as {@code SelectionKey.OP_WRITE}. */
    int WRITE = 4;

    /**
     * Starts watching {@code source} for {@code interest} (0, READ, WRITE or both).
     * {@code listener} is called on the loop thread from {@link #poll} with the ready
     * bits that intersect the interest at that moment.
     *
     * @throws IllegalArgumentException if the source is already registered here
     * @throws UnsupportedOperationException if this backend cannot watch this kind of
     *         source (the message says which backend can), or the source is a regular file
     */
    Registration register(Pollable source, int interest, ReadyListener listener);

    /** Whether raw descriptors can be registered (FFM backends) or only channels (nio). */
    boolean watchesRawDescriptors();

    /** A watched source. Loop thread only. */
    interface Registration {
        /** Replaces the interest set (0 keeps the source registered but silent). */
        void interest(int ops);

        int interest();

        /** Stops watching; idempotent. The source itself is not closed. */
        void cancel();

        boolean isValid();
    }

    /** Receives readiness on the loop thread. */
    @FunctionalInterface
    interface ReadyListener {
        void ready(int readyOps);
    }
}
