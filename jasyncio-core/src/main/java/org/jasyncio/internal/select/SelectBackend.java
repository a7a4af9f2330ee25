package org.jasyncio.internal.select;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jasyncio.internal.fd.FdBackendState;
import org.jasyncio.internal.fd.FdRegistration;
import org.jasyncio.internal.fd.FdTable;
import org.jasyncio.internal.fd.ReadyBatch;
import org.jasyncio.internal.ffm.Errno;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Select;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * POSIX {@code select(2)} through FFM: asyncio's {@code SelectSelector}, with its limit —
 * descriptors at or above {@code FD_SETSIZE} (1024) cannot be watched, and are refused
 * with an error that names the backends without a limit.
 *
 * <p>Design notes: the wanted read and write sets are kept as {@code long[]} words in
 * Java and copied into native {@code fd_set}s before each wait (select overwrites them
 * with the result). If select fails with {@code EBADF} (a watched descriptor was closed),
 * the closed ones are found with {@code fcntl(F_GETFD)}: a closed channel's registration
 * is dropped; a raw descriptor is reported ready for every interest, once, so its owner
 * meets the error (it stays out of the sets until its interest changes); and the wait is
 * repeated without them.
 */
public final class SelectBackend implements ReadinessBackend, FdRegistration.Host {
    static final String NAME = "select";

    private final FdBackendState state;
    private final FdTable table;
    private final int wakeupFd;
    private final ReadyBatch batch = new ReadyBatch();
    private final long[] wantRead = new long[Select.FD_SET_WORDS];
    private final long[] wantWrite = new long[Select.FD_SET_WORDS];
    private final long[] gotRead = new long[Select.FD_SET_WORDS];
    private final long[] gotWrite = new long[Select.FD_SET_WORDS];
    private final MemorySegment readSet;
    private final MemorySegment writeSet;
    private final MemorySegment timeval;
    private int maxFd;

    public SelectBackend() {
        Arena arena = Arena.ofAuto();
        this.readSet = arena.allocate(Select.FD_SET);
        this.writeSet = arena.allocate(Select.FD_SET);
        this.timeval = arena.allocate(Select.TIMEVAL);
        this.state = new FdBackendState(NAME);
        this.table = state.table();
        this.wakeupFd = state.wakeupFd();
        if (wakeupFd >= Select.FD_SETSIZE) {
            int fd = wakeupFd;
            state.close();
            throw new UnsupportedOperationException("the select backend cannot start: its wake-up descriptor got "
                    + "number " + fd + ", at or above FD_SETSIZE (" + Select.FD_SETSIZE + ") because this process "
                    + "already has that many descriptors open. " + NO_LIMIT);
        }
        set(wantRead, wakeupFd);
        maxFd = wakeupFd;
    }

    private static final String NO_LIMIT = "The epoll, poll and nio backends have no such limit: open the loop "
            + "with SelectorEventLoop.open(Backend.EPOLL) (or Backend.POLL, Backend.NIO).";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watchesRawDescriptors() {
        return true;
    }

    @Override
    public Registration register(Pollable source, int interest, ReadyListener listener) {
        FdRegistration registration = state.newRegistration(this, source, interest, listener);
        int fd = registration.fd();
        if (fd >= Select.FD_SETSIZE) {
            throw new UnsupportedOperationException("the select backend (" + Native.platform() + ") cannot watch "
                    + registration.describe()
                    + ": select() only handles descriptors below FD_SETSIZE (" + Select.FD_SETSIZE + "), as "
                    + "asyncio's SelectSelector. " + NO_LIMIT);
        }
        table.put(registration);
        apply(registration);
        return registration;
    }

    private void apply(FdRegistration registration) {
        int fd = registration.fd();
        int interest = registration.isCancelled() ? 0 : registration.interest();
        if ((interest & READ) != 0) {
            set(wantRead, fd);
        } else {
            clear(wantRead, fd);
        }
        if ((interest & WRITE) != 0) {
            set(wantWrite, fd);
        } else {
            clear(wantWrite, fd);
        }
        if (interest != 0 && fd > maxFd) {
            maxFd = fd;
        }
    }

    @Override
    public void interestChanged(FdRegistration registration, int previous) {
        state.checkOpen();
        apply(registration);
    }

    @Override
    public void cancelled(FdRegistration registration) {
        table.remove(registration);
        if (!state.isClosed()) {
            apply(registration);
        }
    }

    @Override
    public void poll(long timeoutNanos) {
        state.checkOpen();
        boolean zero = timeoutNanos == 0;
        MemorySegment timeout = MemorySegment.NULL;
        if (timeoutNanos >= 0) {
            long micros = timeoutNanos / 1_000L + (timeoutNanos % 1_000L == 0 ? 0 : 1);
            timeval.set(ValueLayout.JAVA_LONG, 0, micros / 1_000_000L);
            timeval.set(ValueLayout.JAVA_LONG, 8, micros % 1_000_000L);
            timeout = timeval;
        }
        int n;
        try {
            n = select(timeout, zero);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EBADF) {
                throw e;
            }
            n = reportClosedDescriptors() ? select(zeroTimeout(), true) : 0;
        }
        if (n > 0) {
            collect();
        }
        batch.dispatchAll();
    }

    private int select(MemorySegment timeout, boolean zero) {
        int nfds = shrinkMaxFd() + 1;
        int words = (nfds + 63) >>> 6;
        MemorySegment.copy(wantRead, 0, readSet, ValueLayout.JAVA_LONG, 0, words);
        MemorySegment.copy(wantWrite, 0, writeSet, ValueLayout.JAVA_LONG, 0, words);
        return Select.select(nfds, readSet, writeSet, MemorySegment.NULL, timeout, zero);
    }

    private MemorySegment zeroTimeout() {
        timeval.set(ValueLayout.JAVA_LONG, 0, 0L);
        timeval.set(ValueLayout.JAVA_LONG, 8, 0L);
        return timeval;
    }

    /** Lowers {@code maxFd} past descriptors no longer wanted; returns it. */
    private int shrinkMaxFd() {
        while (maxFd > wakeupFd && !isSet(wantRead, maxFd) && !isSet(wantWrite, maxFd)) {
            maxFd--;
        }
        return maxFd;
    }

    private void collect() {
        int words = (maxFd >>> 6) + 1;
        MemorySegment.copy(readSet, ValueLayout.JAVA_LONG, 0, gotRead, 0, words);
        MemorySegment.copy(writeSet, ValueLayout.JAVA_LONG, 0, gotWrite, 0, words);
        for (int w = 0; w < words; w++) {
            long readBits = gotRead[w];
            long writeBits = gotWrite[w];
            long any = readBits | writeBits;
            while (any != 0) {
                int bit = Long.numberOfTrailingZeros(any);
                long mask = 1L << bit;
                any &= ~mask;
                int fd = (w << 6) + bit;
                if (fd == wakeupFd) {
                    state.drainWakeup();
                    continue;
                }
                FdRegistration registration = table.get(fd);
                if (registration != null) {
                    int ops = ((readBits & mask) != 0 ? READ : 0) | ((writeBits & mask) != 0 ? WRITE : 0);
                    batch.add(registration, ops);
                }
            }
        }
    }

    /**
     * After EBADF: drops closed channels, reports closed raw descriptors as ready and takes
     * them out of this wait. Returns whether any was found (else EBADF is unexplained).
     */
    private boolean reportClosedDescriptors() {
        boolean found = false;
        for (int fd = 0; fd <= maxFd; fd++) {
            if (!isSet(wantRead, fd) && !isSet(wantWrite, fd) || fd == wakeupFd || isOpen(fd)) {
                continue;
            }
            found = true;
            FdRegistration registration = table.get(fd);
            if (registration == null) {
                clear(wantRead, fd);
                clear(wantWrite, fd);
            } else if (registration.isStale()) {
                registration.cancel();
            } else {
                batch.add(registration, READ | WRITE);
                clear(wantRead, fd);
                clear(wantWrite, fd);
            }
        }
        if (!found) {
            throw new ErrnoException("select", Errno.EBADF);
        }
        return true;
    }

    private static boolean isOpen(int fd) {
        try {
            Libc.fcntl(fd, Libc.F_GETFD, 0);
            return true;
        } catch (ErrnoException e) {
            return e.errno() != Errno.EBADF;
        }
    }

    private static void set(long[] words, int fd) {
        words[fd >>> 6] |= 1L << (fd & 63);
    }

    private static void clear(long[] words, int fd) {
        words[fd >>> 6] &= ~(1L << (fd & 63));
    }

    private static boolean isSet(long[] words, int fd) {
        return (words[fd >>> 6] & (1L << (fd & 63))) != 0;
    }

    @Override
    public void wakeup() {
        state.wakeup();
    }

    /** Number of registered sources, for tests and reports. */
    public int registrations() {
        return table.size();
    }

    @Override
    public void close() {
        state.close();
    }
}
