package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code fstat(2)}, reading only {@code st_mode}. glibc before 2.33 exports
 * {@code __fxstat(version, fd, buf)} instead of {@code fstat}; both are bound here.
 *
 * <p>{@code struct stat} differs by architecture: on x86_64 it is 144 bytes with
 * {@code st_mode} at offset 24 (after {@code st_dev}, {@code st_ino}, {@code st_nlink},
 * all 8 bytes); on aarch64 (the generic layout) it is 128 bytes with {@code st_mode} at
 * offset 16 and a 4-byte {@code st_nlink} after it.
 */
final class Stat {
    private static final long SIZE = Native.arch() == Native.Arch.AARCH64 ? 128 : 144;
    private static final long MODE_OFFSET = Native.arch() == Native.Arch.AARCH64 ? 16 : 24;
    /** {@code _STAT_VER} for {@code __fxstat}: 1 on x86_64, 0 on aarch64. */
    private static final int STAT_VERSION = Native.arch() == Native.Arch.AARCH64 ? 0 : 1;

    private static final boolean HAS_FSTAT = Native.hasFunction("fstat");
    private static final MethodHandle FSTAT = HAS_FSTAT
            ? Native.function("fstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false))
            : Native.function("__fxstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS),
                    Linker.Option.critical(false));

    private Stat() {
    }

    static int mode(int fd) {
        MemorySegment state = Native.callState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(SIZE, 8);
            int r;
            try {
                r = HAS_FSTAT ? (int) FSTAT.invokeExact(state, fd, buf)
                        : (int) FSTAT.invokeExact(state, STAT_VERSION, fd, buf);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("fstat", state);
            }
            return buf.get(JAVA_INT, MODE_OFFSET);
        }
    }
}
