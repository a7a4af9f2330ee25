package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Process file descriptors (Linux 5.3+, glibc 2.36+): {@code pidfd_open} and
 * {@code pidfd_send_signal}. A pidfd becomes readable when its process exits, and
 * {@code waitid(P_PIDFD, ...)} (Linux 5.4+, in {@link Spawn}) reaps through it. One Java
 * method per C call, no logic.
 */
public final class Pidfd {
    /** {@code PIDFD_NONBLOCK}: {@code waitid} on the pidfd returns EAGAIN instead of blocking. */
    public static final int PIDFD_NONBLOCK = Libc.O_NONBLOCK;

    private static final class Bindings {
        static final MethodHandle OPEN = Native.function("pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle SEND_SIGNAL = Native.function("pidfd_send_signal",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private Pidfd() {
    }

    /** Why the pidfd calls are missing here (libc bindings unavailable, glibc older than 2.36), or empty. */
    public static Optional<String> unavailabilityCause() {
        Optional<String> libc = Native.unavailabilityCause();
        if (libc.isPresent()) {
            return libc;
        }
        for (String name : new String[] {"pidfd_open", "pidfd_send_signal"}) {
            if (!Native.hasFunction(name)) {
                return Optional.of("the C library has no '" + name + "' function (it needs glibc 2.36 or later)");
            }
        }
        return Optional.empty();
    }

    /** {@code pidfd_open(2)}: a close-on-exec descriptor referring to process {@code pid}. */
    public static int open(int pid, int flags) {
        return Libc.intCall(Bindings.OPEN, "pidfd_open", pid, flags);
    }

    /** {@code pidfd_send_signal(2)} with no {@code siginfo} and no flags. */
    public static void sendSignal(int pidfd, int signal) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.SEND_SIGNAL.invokeExact(state, pidfd, signal, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("pidfd_send_signal", state);
        }
    }
}
