package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux {@code epoll(7)}: {@code epoll_create1}, {@code epoll_ctl}, {@code epoll_wait}
 * and {@code epoll_pwait2} (nanosecond timeouts, Linux 5.11 and glibc 2.35), plus the
 * {@code struct epoll_event} layout. One method per C call, no logic (the JDK's
 * {@code sun.nio.ch.EPoll} is the model).
 *
 * <p>{@code struct epoll_event} is {@code {uint32_t events; uint64_t data;}}: packed
 * (12 bytes, {@code data} at offset 4) on x86_64, naturally aligned (16 bytes,
 * {@code data} at offset 8) on aarch64.
 */
public final class EPoll {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;

    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLL_CLOEXEC = Libc.O_CLOEXEC;

    /** {@code struct epoll_event} for this architecture. */
    public static final StructLayout EVENT = Native.arch() == Native.Arch.AARCH64
            ? MemoryLayout.structLayout(JAVA_INT.withName("events"), MemoryLayout.paddingLayout(4),
                    JAVA_LONG.withName("data"))
            : MemoryLayout.structLayout(JAVA_INT.withName("events"),
                    JAVA_LONG.withByteAlignment(4).withName("data"));
    public static final long EVENT_SIZE = EVENT.byteSize();
    private static final long DATA_OFFSET = EVENT.byteOffset(MemoryLayout.PathElement.groupElement("data"));

    /** {@code struct timespec}: seconds and nanoseconds, both 64-bit on both architectures. */
    public static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));

    private static final class Bindings {
        static final MethodHandle CREATE1 = Native.function("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle CTL = Native.criticalFunction("epoll_ctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final FunctionDescriptor WAIT_DESCRIPTOR =
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        static final MethodHandle WAIT = Native.function("epoll_wait", WAIT_DESCRIPTOR);
        /** The same call for a zero timeout: it cannot block, so it may skip the thread-state switch. */
        static final MethodHandle WAIT_NOW = Native.criticalFunction("epoll_wait", WAIT_DESCRIPTOR);
    }

    private static final class Pwait2 {
        static final MethodHandle PWAIT2 = Native.function("epoll_pwait2",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    }

    private EPoll() {
    }

    /** {@code epoll_create1(2)}. */
    public static int create1(int flags) {
        return Libc.intCall(Bindings.CREATE1, "epoll_create1", flags);
    }

    /** {@code epoll_ctl(2)}; {@code event} may be {@link MemorySegment#NULL} for {@code EPOLL_CTL_DEL}. */
    public static void ctl(int epfd, int op, int fd, MemorySegment event) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.CTL.invokeExact(state, epfd, op, fd, event);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("epoll_ctl", state);
        }
    }

    /** {@code epoll_wait(2)}: the number of events, 0 when interrupted by a signal (EINTR). */
    public static int wait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        MemorySegment state = Native.callState();
        int n;
        try {
            n = timeoutMillis == 0
                    ? (int) Bindings.WAIT_NOW.invokeExact(state, epfd, events, maxEvents, 0)
                    : (int) Bindings.WAIT.invokeExact(state, epfd, events, maxEvents, timeoutMillis);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : interruptedOrThrow("epoll_wait", state);
    }

    /** Whether the C library has {@code epoll_pwait2} (the kernel may still answer ENOSYS). */
    public static boolean hasPwait2() {
        return Native.hasFunction("epoll_pwait2");
    }

    /**
     * {@code epoll_pwait2(2)} with no signal mask: the number of events, 0 on EINTR.
     * {@code timeout} is a {@link #TIMESPEC}, or {@link MemorySegment#NULL} to wait without limit.
     */
    public static int pwait2(int epfd, MemorySegment events, int maxEvents, MemorySegment timeout) {
        MemorySegment state = Native.callState();
        int n;
        try {
            n = (int) Pwait2.PWAIT2.invokeExact(state, epfd, events, maxEvents, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : interruptedOrThrow("epoll_pwait2", state);
    }

    static int interruptedOrThrow(String call, MemorySegment state) {
        if (Native.errno(state) == Errno.EINTR) {
            return 0;
        }
        throw Native.failure(call, state);
    }

    /** The {@code events} of element {@code i} of an {@link #EVENT} array. */
    public static int events(MemorySegment array, int i) {
        return array.get(JAVA_INT, i * EVENT_SIZE);
    }

    /** The {@code data} of element {@code i} of an {@link #EVENT} array. */
    public static long data(MemorySegment array, int i) {
        return array.get(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    /** Fills element {@code i} of an {@link #EVENT} array. */
    public static void setEvent(MemorySegment array, int i, int events, long data) {
        array.set(JAVA_INT, i * EVENT_SIZE, events);
        array.set(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET, data);
    }
}
