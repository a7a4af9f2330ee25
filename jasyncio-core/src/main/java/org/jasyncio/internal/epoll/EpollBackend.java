package org.jasyncio.internal.epoll;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jasyncio.internal.fd.FdRegistration;
import org.jasyncio.internal.fd.FdBackendState;
import org.jasyncio.internal.fd.FdSource;
import org.jasyncio.internal.fd.ReadyOps;
import org.jasyncio.internal.ffm.EPoll;
import org.jasyncio.internal.ffm.Errno;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.io.IoBackend;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * Linux {@code epoll} through FFM, on raw descriptors and JDK channels alike: the Linux
 * default. Level-triggered, as asyncio's {@code EpollSelector}.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Every registration is added to the epoll set at once, so an unwatchable source
 *       fails at {@link #register} rather than at the first interest change. A silent
 *       registration (interest 0) stays in the set as {@code EPOLLET} with no events:
 *       the kernel reports error and hang-up whatever the mask, and edge-triggering makes
 *       that one report instead of a busy loop; the dispatcher masks it out. Interest
 *       changes are therefore always one {@code EPOLL_CTL_MOD}.</li>
 *   <li>The event's {@code data} is a token: the descriptor in the low 32 bits and a
 *       registration sequence number in the high ones. An event for a registration that
 *       was cancelled, or replaced by a new one on a reused descriptor number, earlier in
 *       the same batch is recognised and dropped.</li>
 *   <li>Registrations live in an array indexed by descriptor ({@link FdTable}): O(1) for
 *       10,000 connections.</li>
 *   <li>Timeouts use {@code epoll_pwait2} (nanoseconds) when the C library and kernel
 *       have it, else {@code epoll_wait} with milliseconds rounded up, so a timer is never
 *       woken early. A zero timeout is linked as a critical call.</li>
 * </ul>
 */
public final class EpollBackend implements ReadinessBackend, FdRegistration.Host {
    static final String NAME = "epoll";
    /** Events fetched per wait; more ready descriptors are simply reported by the next wait. */
    private static final int MAX_EVENTS = 1024;
    private static final long WAKEUP_TOKEN = -1L;

    private final int epfd;
    private final FdBackendState state;
    private final MemorySegment events;
    private final MemorySegment ctlEvent;
    private final MemorySegment timespec;
    private final boolean hasPwait2;
    private int sequence;

    public EpollBackend() {
        Arena arena = Arena.ofAuto();
        this.events = arena.allocate(EPoll.EVENT, MAX_EVENTS);
        this.ctlEvent = arena.allocate(EPoll.EVENT);
        this.timespec = arena.allocate(EPoll.TIMESPEC);
        this.epfd = EPoll.create1(EPoll.EPOLL_CLOEXEC);
        FdBackendState s = null;
        try {
            s = new FdBackendState(NAME);
            ctl(EPoll.EPOLL_CTL_ADD, s.wakeupFd(), EPoll.EPOLLIN, WAKEUP_TOKEN);
            this.state = s;
            this.hasPwait2 = probePwait2();
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            Libc.close(epfd);
            throw e;
        }
    }

    /** epoll_pwait2 needs glibc 2.35 and Linux 5.11; a seccomp filter may also refuse it. */
    private boolean probePwait2() {
        if (!EPoll.hasPwait2()) {
            return false;
        }
        timespec.set(ValueLayout.JAVA_LONG, 0, 0L);
        timespec.set(ValueLayout.JAVA_LONG, 8, 0L);
        try {
            int n = EPoll.pwait2(epfd, events, MAX_EVENTS, timespec);
            for (int i = 0; i < n; i++) {
                if (EPoll.data(events, i) == WAKEUP_TOKEN) {
                    state.drainWakeup();
                }
            }
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOSYS || e.errno() == Errno.EPERM) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watchesRawDescriptors() {
        return true;
    }

    /** Whether waits take nanosecond timeouts ({@code epoll_pwait2}) here. */
    public boolean hasNanosecondTimeouts() {
        return hasPwait2;
    }

    @Override
    public Registration register(Pollable source, int interest, ReadyListener listener) {
        FdRegistration registration = state.newRegistration(this, source, interest, listener);
        int fd = registration.fd();
        if (fd == epfd) {
            throw new IllegalArgumentException("file descriptor " + fd + " belongs to the epoll backend itself");
        }
        sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
        registration.token = ((long) sequence << 32) | (fd & 0xFFFF_FFFFL);
        try {
            ctl(EPoll.EPOLL_CTL_ADD, fd, eventsFor(interest), registration.token);
        } catch (ErrnoException e) {
            registration.markCancelled();
            throw refusal(registration, e);
        }
        state.table().put(registration);
        return registration;
    }

    private static RuntimeException refusal(FdRegistration registration, ErrnoException e) {
        return switch (e.errno()) {
            case Errno.EPERM -> new UnsupportedOperationException("the epoll backend (" + Native.platform()
                    + ") cannot watch " + registration.describe() + ": epoll_ctl refused it with EPERM, which means "
                    + "the file or device has no readiness notification because it is always ready (a regular "
                    + "file, or a device such as /dev/null or /dev/zero). " + FdSource.ALWAYS_READY, e);
            case Errno.EBADF -> new IllegalArgumentException(registration.describe() + " is not open", e);
            default -> e;
        };
    }

    @Override
    public void interestChanged(FdRegistration registration, int previous) {
        state.checkOpen();
        try {
            ctl(EPoll.EPOLL_CTL_MOD, registration.fd(), eventsFor(registration.interest()), registration.token);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EBADF || e.errno() == Errno.ENOENT) {
                throw new IllegalStateException(registration.describe()
                        + " was closed while registered; cancel its registration before closing it", e);
            }
            throw e;
        }
    }

    @Override
    public void cancelled(FdRegistration registration) {
        state.table().remove(registration);
        if (state.isClosed()) {
            return;
        }
        try {
            EPoll.ctl(epfd, EPoll.EPOLL_CTL_DEL, registration.fd(), MemorySegment.NULL);
        } catch (ErrnoException e) {
            // Closing a descriptor removes it from the set: nothing left to delete.
            if (e.errno() != Errno.EBADF && e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    private static int eventsFor(int interest) {
        if (interest == 0) {
            return EPoll.EPOLLET;
        }
        int events = 0;
        if ((interest & READ) != 0) {
            events |= EPoll.EPOLLIN;
        }
        if ((interest & WRITE) != 0) {
            events |= EPoll.EPOLLOUT;
        }
        return events;
    }

    private void ctl(int op, int fd, int eventMask, long token) {
        EPoll.setEvent(ctlEvent, 0, eventMask, token);
        EPoll.ctl(epfd, op, fd, ctlEvent);
    }

    @Override
    public void poll(long timeoutNanos) {
        state.checkOpen();
        int n;
        if (timeoutNanos == 0) {
            n = EPoll.wait(epfd, events, MAX_EVENTS, 0);
        } else if (timeoutNanos < 0) {
            n = EPoll.wait(epfd, events, MAX_EVENTS, -1);
        } else if (hasPwait2) {
            timespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            n = EPoll.pwait2(epfd, events, MAX_EVENTS, timespec);
        } else {
            n = EPoll.wait(epfd, events, MAX_EVENTS, (int) Math.min(Integer.MAX_VALUE, IoBackend.toMillisCeil(timeoutNanos)));
        }
        for (int i = 0; i < n; i++) {
            long token = EPoll.data(events, i);
            if (token == WAKEUP_TOKEN) {
                state.drainWakeup();
                continue;
            }
            FdRegistration registration = state.table().get((int) token);
            if (registration == null || registration.token != token) {
                continue;
            }
            registration.dispatch(ReadyOps.fromPollEvents(EPoll.events(events, i)));
        }
    }


    @Override
    public void wakeup() {
        state.wakeup();
    }

    /** Number of registered sources, for tests and reports. */
    public int registrations() {
        return state.table().size();
    }

    @Override
    public void close() {
        if (state.close()) {
            Libc.close(epfd);
        }
    }
}
