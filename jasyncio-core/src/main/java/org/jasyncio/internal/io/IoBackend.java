package org.jasyncio.internal.io;

/**
 * What the loop core needs from an I/O backend, readiness or completion alike (Netty
 * 4.2's {@code IoHandler} in miniature): block for at most a timeout while dispatching
 * what the OS reports, be woken from another thread, be closed.
 */
public interface IoBackend extends AutoCloseable {

    /** The backend's name, as {@code Backend} spells it ({@code "nio"}, {@code "epoll"}, ...). */
    String name();

    /**
     * Waits up to {@code timeoutNanos} for I/O ({@code 0}: do not block; negative: no
     * limit), then dispatches every ready or completed operation to its listener on the
     * calling thread. Returns early when {@link #wakeup()} is called.
     */
    void poll(long timeoutNanos);

    /** Makes a blocked {@link #poll} return soon, or the next one return at once. Any thread. */
    void wakeup();

    /** Releases the backend's descriptors. Idempotent. */
    @Override
    void close();

    /** Milliseconds for APIs that take them, rounded up so a timer is never woken early. */
    static long toMillisCeil(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long ms = nanos / 1_000_000L;
        return nanos % 1_000_000L == 0 ? ms : ms + 1;
    }
}
