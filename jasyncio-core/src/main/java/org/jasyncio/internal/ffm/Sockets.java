package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * Socket calls on raw descriptors that the JDK's channels do not expose (for transports
 * over descriptors the JDK did not open). One Java method per C call, no logic.
 */
public final class Sockets {
    /** {@code shutdown(2)}'s "no more sends". */
    public static final int SHUT_WR = 1;

    private static final class Bindings {
        static final MethodHandle SHUTDOWN = Native.function("shutdown",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private Sockets() {
    }

    /** {@code shutdown(fd, SHUT_WR)}: half-close, the peer reads end of stream. */
    public static void shutdownWrite(int fd) {
        Libc.intCall(Bindings.SHUTDOWN, "shutdown", fd, SHUT_WR);
    }
}
