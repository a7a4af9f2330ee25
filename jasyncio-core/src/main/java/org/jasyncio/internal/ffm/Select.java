package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * POSIX {@code select(2)} with {@code fd_set} and {@code struct timeval}. One method per
 * C call, no logic.
 *
 * <p>glibc's {@code fd_set} is {@value #FD_SETSIZE} bits stored as 16 {@code long}s:
 * descriptor {@code fd} is bit {@code fd % 64} of word {@code fd / 64}. A descriptor at
 * or above {@code FD_SETSIZE} cannot be represented at all (glibc's {@code FD_SET} would
 * write past the set).
 */
public final class Select {
    public static final int FD_SETSIZE = 1024;
    public static final int FD_SET_WORDS = FD_SETSIZE / 64;
    public static final MemoryLayout FD_SET = MemoryLayout.sequenceLayout(FD_SET_WORDS, JAVA_LONG);
    /** {@code struct timeval}: 64-bit seconds and microseconds on both architectures. */
    public static final StructLayout TIMEVAL = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_usec"));

    private static final class Bindings {
        static final FunctionDescriptor DESCRIPTOR =
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle SELECT = Native.function("select", DESCRIPTOR);
        /** For a zero timeout: it cannot block, so it may skip the thread-state switch. */
        static final MethodHandle SELECT_NOW = Native.criticalFunction("select", DESCRIPTOR);
    }

    private Select() {
    }

    /**
     * {@code select(2)}: how many bits are set in the returned sets, 0 when interrupted
     * (EINTR). {@code timeout} is a {@link #TIMEVAL} or {@link MemorySegment#NULL} (no
     * limit); {@code zeroTimeout} says it holds zero, so the call cannot block.
     */
    public static int select(int nfds, MemorySegment readFds, MemorySegment writeFds, MemorySegment exceptFds,
            MemorySegment timeout, boolean zeroTimeout) {
        MemorySegment state = Native.callState();
        int n;
        try {
            n = zeroTimeout
                    ? (int) Bindings.SELECT_NOW.invokeExact(state, nfds, readFds, writeFds, exceptFds, timeout)
                    : (int) Bindings.SELECT.invokeExact(state, nfds, readFds, writeFds, exceptFds, timeout);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : EPoll.interruptedOrThrow("select", state);
    }
}
