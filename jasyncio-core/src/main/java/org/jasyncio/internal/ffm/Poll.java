package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * POSIX {@code poll(2)} and {@code struct pollfd} ({@code {int fd; short events; short
 * revents;}}, 8 bytes on every Linux architecture). One method per C call, no logic.
 */
public final class Poll {
    public static final short POLLIN = 0x001;
    public static final short POLLPRI = 0x002;
    public static final short POLLOUT = 0x004;
    public static final short POLLERR = 0x008;
    public static final short POLLHUP = 0x010;
    public static final short POLLNVAL = 0x020;

    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    public static final long POLLFD_SIZE = POLLFD.byteSize();

    private static final class Bindings {
        static final FunctionDescriptor DESCRIPTOR = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
        static final MethodHandle POLL = Native.function("poll", DESCRIPTOR);
        /** For a zero timeout: it cannot block, so it may skip the thread-state switch. */
        static final MethodHandle POLL_NOW = Native.criticalFunction("poll", DESCRIPTOR);
    }

    private Poll() {
    }

    /** {@code poll(2)}: how many entries have {@code revents}, 0 when interrupted (EINTR). */
    public static int poll(MemorySegment fds, long count, int timeoutMillis) {
        MemorySegment state = Native.callState();
        int n;
        try {
            n = timeoutMillis == 0
                    ? (int) Bindings.POLL_NOW.invokeExact(state, fds, count, 0)
                    : (int) Bindings.POLL.invokeExact(state, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : EPoll.interruptedOrThrow("poll", state);
    }

    public static int fd(MemorySegment array, int i) {
        return array.get(JAVA_INT, i * POLLFD_SIZE);
    }

    public static void setFd(MemorySegment array, int i, int fd) {
        array.set(JAVA_INT, i * POLLFD_SIZE, fd);
    }

    public static void setEvents(MemorySegment array, int i, short events) {
        array.set(JAVA_SHORT, i * POLLFD_SIZE + 4, events);
    }

    public static short revents(MemorySegment array, int i) {
        return array.get(JAVA_SHORT, i * POLLFD_SIZE + 6);
    }
}
