package org.jasyncio.internal.fd;

import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * The state every FFM backend keeps besides its kernel object: its registrations, its
 * eventfd wake-up, whether it is closed; and the registration steps they share. Loop
 * thread, except {@link #wakeup()}.
 */
public final class FdBackendState {
    private final String backend;
    private final FdTable table = new FdTable();
    private final WakeupFd wakeup = new WakeupFd();
    private boolean closed;

    public FdBackendState(String backend) {
        this.backend = backend;
    }

    public FdTable table() {
        return table;
    }

    /** The wake-up eventfd's descriptor, which the backend watches for reading. */
    public int wakeupFd() {
        return wakeup.fd();
    }

    /** Any thread. */
    public void wakeup() {
        wakeup.signal();
    }

    /** Resets the wake-up after the backend saw it readable. */
    public void drainWakeup() {
        wakeup.drain();
    }

    /**
     * The checks before a registration: the backend is open, the source can be watched
     * ({@link FdSource#resolve}) and is not the backend's own wake-up, and its number is
     * free ({@link FdTable#claim}). Returns a registration not yet in the table, holding
     * {@code interest}.
     */
    public FdRegistration newRegistration(FdRegistration.Host host, Pollable source, int interest,
            ReadinessBackend.ReadyListener listener) {
        checkOpen();
        FdSource resolved = FdSource.resolve(source, backend);
        if (resolved.fd() == wakeup.fd()) {
            throw new IllegalArgumentException("file descriptor " + resolved.fd() + " belongs to the " + backend
                    + " backend itself");
        }
        table.claim(resolved);
        FdRegistration registration = new FdRegistration(host, resolved, listener);
        registration.initInterest(interest);
        return registration;
    }

    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the " + backend + " backend is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Drops every registration and closes the wake-up. Returns false if already closed,
     * so the backend releases its own kernel object only once.
     */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        table.dropAll();
        wakeup.close();
        return true;
    }
}
