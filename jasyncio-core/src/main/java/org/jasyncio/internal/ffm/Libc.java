package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Descriptor calls of the C library, one Java method per C function, no logic: read,
 * write, close, fcntl, fstat, isatty, pipe2, eventfd, open, getrlimit/setrlimit.
 *
 * <p>Each method throws {@link ErrnoException} when the call fails, except where its
 * comment names an errno it reports as a return value instead (as the JDK's
 * {@code IOStatus} does). Constants are Linux's, identical on x86_64 and aarch64.
 */
public final class Libc {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_NOCTTY = 0400;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int FD_CLOEXEC = 1;

    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;

    /** {@code st_mode} file type bits ({@code S_IFMT}) and the types. */
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    public static final int RLIMIT_NOFILE = 7;
    /** {@code RLIM_INFINITY}: all ones, as a signed long. */
    public static final long RLIM_INFINITY = -1L;

    private static final class Bindings {
        static final MethodHandle READ = Native.function("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle WRITE = Native.function("write",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle WRITE_NO_ERRNO = Native.plainFunction("write",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle CLOSE = Native.function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle FCNTL = Native.function("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2),
                Linker.Option.critical(false));
        static final MethodHandle ISATTY = Native.criticalFunction("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle PIPE2 = Native.function("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle EVENTFD = Native.function("eventfd",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle OPEN = Native.function("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        static final MethodHandle GETRLIMIT = Native.function("getrlimit",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle SETRLIMIT = Native.function("setrlimit",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    private Libc() {
    }

    /** {@code read(2)}: bytes read, 0 at end of file, or -1 if it would block (EAGAIN). */
    public static long read(int fd, MemorySegment buffer, long count) {
        MemorySegment state = Native.callState();
        long n;
        try {
            n = (long) Bindings.READ.invokeExact(state, fd, buffer, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : wouldBlockOrThrow("read", state);
    }

    /** {@code write(2)}: bytes written, or -1 if it would block (EAGAIN). */
    public static long write(int fd, MemorySegment buffer, long count) {
        MemorySegment state = Native.callState();
        long n;
        try {
            n = (long) Bindings.WRITE.invokeExact(state, fd, buffer, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : wouldBlockOrThrow("write", state);
    }

    /**
     * {@code write(2)} without capturing errno, for a thread that only signals a
     * descriptor and has nothing to do on failure: the raw result (-1 on any error).
     */
    public static long writeIgnoringErrno(int fd, MemorySegment buffer, long count) {
        try {
            return (long) Bindings.WRITE_NO_ERRNO.invokeExact(fd, buffer, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static long wouldBlockOrThrow(String call, MemorySegment state) {
        if (Native.errno(state) == Errno.EAGAIN) {
            return -1;
        }
        throw Native.failure(call, state);
    }

    /** {@code close(2)}. EINTR counts as closed: on Linux the descriptor is released anyway. */
    public static void close(int fd) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0 && Native.errno(state) != Errno.EINTR) {
            throw Native.failure("close", state);
        }
    }

    /**
     * {@code fcntl(2)} with an int argument, for the commands that never block
     * ({@code F_GETFL}, {@code F_SETFL}, {@code F_GETFD}, {@code F_SETFD}, {@code F_DUPFD*}).
     */
    public static int fcntl(int fd, int cmd, int arg) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.FCNTL.invokeExact(state, fd, cmd, arg);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("fcntl", state);
        }
        return r;
    }

    /** {@code fstat(2)}'s {@code st_mode}: the file type ({@code & S_IFMT}) and permission bits. */
    public static int fstatMode(int fd) {
        return Stat.mode(fd);
    }

    /** {@code isatty(3)}: false for ENOTTY (and EINVAL), throws for a descriptor that is not open. */
    public static boolean isatty(int fd) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.ISATTY.invokeExact(state, fd);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r == 1) {
            return true;
        }
        if (Native.errno(state) == Errno.EBADF) {
            throw Native.failure("isatty", state);
        }
        return false;
    }

    /** {@code pipe2(2)}: {@code [readEnd, writeEnd]}. */
    public static int[] pipe2(int flags) {
        MemorySegment state = Native.callState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r;
            try {
                r = (int) Bindings.PIPE2.invokeExact(state, fds, flags);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("pipe2", state);
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /** {@code eventfd(2)}. */
    public static int eventfd(int initialValue, int flags) {
        return intCall(Bindings.EVENTFD, "eventfd", initialValue, flags);
    }

    /** {@code open(2)} with mode 0600 (used only when {@code O_CREAT} is given). */
    public static int open(String path, int flags) {
        MemorySegment state = Native.callState();
        try (Arena arena = Arena.ofConfined()) {
            int r;
            try {
                r = (int) Bindings.OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0600);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("open(" + path + ")", state);
            }
            return r;
        }
    }

    /** {@code getrlimit(2)}: {@code [soft, hard]} ({@link #RLIM_INFINITY} for no limit). */
    public static long[] getrlimit(int resource) {
        MemorySegment state = Native.callState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limits = arena.allocate(JAVA_LONG, 2);
            int r;
            try {
                r = (int) Bindings.GETRLIMIT.invokeExact(state, resource, limits);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("getrlimit", state);
            }
            return new long[] {limits.getAtIndex(JAVA_LONG, 0), limits.getAtIndex(JAVA_LONG, 1)};
        }
    }

    /** {@code setrlimit(2)}. */
    public static void setrlimit(int resource, long soft, long hard) {
        MemorySegment state = Native.callState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limits = arena.allocate(JAVA_LONG, 2);
            limits.setAtIndex(JAVA_LONG, 0, soft);
            limits.setAtIndex(JAVA_LONG, 1, hard);
            int r;
            try {
                r = (int) Bindings.SETRLIMIT.invokeExact(state, resource, limits);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("setrlimit", state);
            }
        }
    }

    /** Calls {@code (int, int) -> int} {@code handle}, throwing on -1. */
    static int intCall(MethodHandle handle, String call, int a, int b) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) handle.invokeExact(state, a, b);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure(call, state);
        }
        return r;
    }

    /** Calls {@code (int) -> int} {@code handle}, throwing on -1. */
    static int intCall(MethodHandle handle, String call, int a) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) handle.invokeExact(state, a);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure(call, state);
        }
        return r;
    }
}
