package org.jasyncio.internal.fd;

import java.nio.channels.SelectableChannel;

import org.jasyncio.internal.io.ReadinessBackend;

/**
 * One watched descriptor in an FFM backend. The backend keeps the kernel's view in step
 * through its {@link Host} callbacks; this class keeps the rules every backend shares.
 *
 * <p>A registration for a channel stops being valid when the channel is closed, as a JDK
 * {@code SelectionKey} does: closing the descriptor removes it from the kernel's set
 * (epoll) or makes it invalid (poll, select), and the backend drops such a registration
 * as soon as it notices ({@link #isStale()}).
 */
public final class FdRegistration implements ReadinessBackend.Registration {

    /** The backend side of a registration: applies changes to the kernel's view. */
    public interface Host {
        /** The interest changed from {@code previous} to {@link FdRegistration#interest()}. */
        void interestChanged(FdRegistration registration, int previous);

        /** The registration was cancelled: forget it. */
        void cancelled(FdRegistration registration);
    }

    private final Host host;
    private final int fd;
    private final SelectableChannel channel;
    private final ReadinessBackend.ReadyListener listener;
    private int interest;
    private boolean cancelled;
    /** Backend-owned: the registration's slot in the backend's arrays (poll). */
    public int index;
    /** Backend-owned: the value the kernel hands back with an event (epoll). */
    public long token;

    public FdRegistration(Host host, FdSource source, ReadinessBackend.ReadyListener listener) {
        this.host = host;
        this.fd = source.fd();
        this.channel = source.channel();
        this.listener = listener;
    }

    public int fd() {
        return fd;
    }

    /** The channel watched, or {@code null} for a raw descriptor. */
    public SelectableChannel channel() {
        return channel;
    }

    /** Sets the first interest without telling the host (it applies it while registering). */
    public void initInterest(int ops) {
        this.interest = checkOps(ops);
    }

    @Override
    public void interest(int ops) {
        checkOps(ops);
        if (!isValid()) {
            throw new IllegalStateException("registration of " + describe() + " was cancelled or its channel closed");
        }
        if (ops == interest) {
            return;
        }
        int previous = interest;
        interest = ops;
        host.interestChanged(this, previous);
    }

    @Override
    public int interest() {
        return interest;
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        host.cancelled(this);
    }

    /** Marks the registration cancelled without telling the host (the backend is dropping it itself). */
    public void markCancelled() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isValid() {
        return !cancelled && (channel == null || channel.isOpen());
    }

    /** Not cancelled, but its channel has been closed: the backend should drop it. */
    public boolean isStale() {
        return !cancelled && channel != null && !channel.isOpen();
    }

    /**
     * Hands {@code readyOps} to the listener, masked by the current interest, unless the
     * registration was cancelled meanwhile (by an earlier listener in the same batch) or
     * its channel closed (then it is dropped).
     */
    public void dispatch(int readyOps) {
        if (cancelled) {
            return;
        }
        if (isStale()) {
            cancel();
            return;
        }
        int ops = readyOps & interest;
        if (ops != 0) {
            listener.ready(ops);
        }
    }

    public String describe() {
        return channel != null ? channel + " (fd " + fd + ")" : "file descriptor " + fd;
    }

    private static int checkOps(int ops) {
        if ((ops & ~(ReadinessBackend.READ | ReadinessBackend.WRITE)) != 0) {
            throw new IllegalArgumentException("interest must combine ReadinessBackend.READ and WRITE only: " + ops);
        }
        return ops;
    }

    @Override
    public String toString() {
        return "FdRegistration[" + describe() + ", interest=" + interest + (cancelled ? ", cancelled" : "") + "]";
    }
}
