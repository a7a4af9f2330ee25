package org.jasyncio.internal.fd;

import java.util.Arrays;

/**
 * The registrations of one backend, indexed by descriptor number: descriptors are small
 * dense integers, so an array beats a hash map at 10,000 connections. Loop thread only.
 */
public final class FdTable {
    private FdRegistration[] byFd = new FdRegistration[64];
    private int size;

    public FdRegistration get(int fd) {
        return fd < byFd.length ? byFd[fd] : null;
    }

    /**
     * Makes sure {@code fd} is free for a new registration: drops a registration whose
     * channel was closed behind the backend's back (the number has been reused), refuses a
     * live one.
     */
    public void claim(FdSource source) {
        int fd = source.fd();
        String what = source.channel() != null ? source.channel().toString() : "file descriptor " + fd;
        FdRegistration existing = get(fd);
        if (existing == null) {
            return;
        }
        if (existing.isStale()) {
            existing.cancel();
            return;
        }
        throw new IllegalArgumentException(what + " is already registered with this loop ("
                + existing.describe() + "); one registration per source: change its interest instead");
    }

    public void put(FdRegistration registration) {
        int fd = registration.fd();
        if (fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(fd + 1, byFd.length * 2));
        }
        if (byFd[fd] == null) {
            size++;
        }
        byFd[fd] = registration;
    }

    /** Forgets {@code registration} if it is the one held for its descriptor. */
    public void remove(FdRegistration registration) {
        int fd = registration.fd();
        if (fd < byFd.length && byFd[fd] == registration) {
            byFd[fd] = null;
            size--;
        }
    }

    public int size() {
        return size;
    }

    /**
     * Forgets every registration and marks each cancelled without calling its host: the
     * backend is closing, and a later {@code cancel()} by an owner must not reach a closed
     * kernel object.
     */
    public void dropAll() {
        for (int i = 0; i < byFd.length; i++) {
            if (byFd[i] != null) {
                byFd[i].markCancelled();
                byFd[i] = null;
            }
        }
        size = 0;
    }
}
