package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Pseudo-terminals: {@code posix_openpt}, {@code grantpt}, {@code unlockpt} and
 * {@code ptsname_r} (the thread-safe {@code ptsname}). One method per C call, no logic.
 */
public final class Pty {
    private static final class Bindings {
        static final MethodHandle OPENPT = Native.function("posix_openpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle GRANTPT = Native.function("grantpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle UNLOCKPT = Native.function("unlockpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        /** Returns the error number itself instead of setting errno. */
        static final MethodHandle PTSNAME_R = Native.plainFunction("ptsname_r",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private Pty() {
    }

    /** {@code posix_openpt(3)}: the master side's descriptor. */
    public static int posixOpenpt(int flags) {
        return Libc.intCall(Bindings.OPENPT, "posix_openpt", flags);
    }

    /** {@code grantpt(3)}. */
    public static void grantpt(int masterFd) {
        Libc.intCall(Bindings.GRANTPT, "grantpt", masterFd);
    }

    /** {@code unlockpt(3)}. */
    public static void unlockpt(int masterFd) {
        Libc.intCall(Bindings.UNLOCKPT, "unlockpt", masterFd);
    }

    /** {@code ptsname_r(3)}: the path of the slave side. */
    public static String ptsname(int masterFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            int err;
            try {
                err = (int) Bindings.PTSNAME_R.invokeExact(masterFd, buf, buf.byteSize());
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (err != 0) {
                throw new ErrnoException("ptsname_r", err);
            }
            return buf.getString(0);
        }
    }
}
