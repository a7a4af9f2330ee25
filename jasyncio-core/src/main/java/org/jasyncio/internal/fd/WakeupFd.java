package org.jasyncio.internal.fd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jasyncio.internal.ffm.Libc;

/**
 * An {@code eventfd} that wakes a backend blocked in the kernel: any thread
 * {@link #signal()}s it, the loop thread sees it readable and {@link #drain()}s it.
 *
 * <p>Design note: {@link #signal()} and {@link #close()} take the same lock, so a late
 * wake-up can never write into a descriptor number that close has already released and
 * someone else may have been given.
 */
public final class WakeupFd implements AutoCloseable {
    /** The 8-byte counter increment eventfd expects; read-only after class init, shared by all threads. */
    private static final MemorySegment ONE = Arena.global().allocate(ValueLayout.JAVA_LONG);

    static {
        ONE.set(ValueLayout.JAVA_LONG, 0, 1L);
    }

    private final int fd;
    private final MemorySegment drainBuffer = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);
    private final Object lock = new Object();
    private boolean closed;

    public WakeupFd() {
        this.fd = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
    }

    public int fd() {
        return fd;
    }

    /** Makes the descriptor readable. Any thread; does nothing once closed. */
    public void signal() {
        synchronized (lock) {
            if (!closed) {
                // -1 (EAGAIN) only if the counter is saturated, which means already signalled.
                Libc.writeIgnoringErrno(fd, ONE, 8);
            }
        }
    }

    /** Resets the counter so the descriptor is quiet again. Loop thread. */
    public void drain() {
        Libc.read(fd, drainBuffer, 8);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(fd);
        }
    }
}
