package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Signal calls of the C library: {@code sigaction} (to read a disposition, or reset one
 * to {@code SIG_DFL}) and {@code kill}. One Java method per use of a C function, no logic.
 *
 * <p>Layout: Linux's {@code struct sigaction} (glibc, x86_64 and aarch64) begins with the
 * handler (8 bytes) followed by a 128-byte {@code sigset_t}, an {@code int} of flags and
 * the restorer pointer: 152 bytes. Only the handler word is read; a zeroed struct is
 * {@code SIG_DFL} with an empty mask and no flags.
 */
public final class Signals {
    /** {@code SIG_DFL} as the handler word. */
    public static final long SIG_DFL = 0;
    /** {@code SIG_IGN} as the handler word. */
    public static final long SIG_IGN = 1;

    private static final long SIGACTION_SIZE = 152;

    private static final class Bindings {
        static final MethodHandle SIGACTION = Native.function("sigaction",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle KILL = Native.function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private Signals() {
    }

    /** Whether the C library here has {@code sigaction} and {@code kill} (check {@link Native#isAvailable()} first). */
    public static boolean isAvailable() {
        return Native.hasFunction("sigaction") && Native.hasFunction("kill");
    }

    /**
     * {@code sigaction(signum, NULL, &old)}: the current handler word of {@code signum}
     * ({@link #SIG_DFL}, {@link #SIG_IGN} or a function address). Changes nothing.
     */
    public static long disposition(int signum) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 8);
            call(signum, MemorySegment.NULL, old);
            return old.get(JAVA_LONG, 0);
        }
    }

    /** {@code sigaction(signum, {SIG_DFL, empty mask, no flags}, NULL)}. */
    public static void resetToDefault(int signum) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = arena.allocate(SIGACTION_SIZE, 8);
            act.fill((byte) 0);
            call(signum, act, MemorySegment.NULL);
        }
    }

    /** {@code kill(pid, signum)}. */
    public static void kill(long pid, int signum) {
        Libc.intCall(Bindings.KILL, "kill", Math.toIntExact(pid), signum);
    }

    private static void call(int signum, MemorySegment act, MemorySegment old) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.SIGACTION.invokeExact(state, signum, act, old);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("sigaction", state);
        }
    }
}
