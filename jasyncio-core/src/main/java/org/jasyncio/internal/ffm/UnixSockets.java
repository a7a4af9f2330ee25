package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * AF_UNIX sockets on raw descriptors (Linux): {@code socket}, {@code bind},
 * {@code listen}, {@code connect}, {@code accept4}, {@code sendto}, {@code recvfrom},
 * {@code getsockname}, {@code getpeername}, {@code getsockopt}. One method per C call;
 * the only logic is the {@code struct sockaddr_un} layout.
 *
 * <p>An address is passed and returned as the bytes of {@code sun_path} that the
 * address length covers: a path's bytes (no terminating NUL), or for the Linux abstract
 * namespace a leading 0 followed by the name (which may contain anything, NULs
 * included); an empty array is an unnamed socket.
 *
 * <p>{@code struct sockaddr_un} is {@code sa_family_t sun_family} (2 bytes) then
 * {@code char sun_path[108]}; {@code struct ucred} is three 4-byte fields
 * ({@code pid, uid, gid}). Both are the same on x86_64 and aarch64.
 */
public final class UnixSockets {
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_TYPE = 3;
    public static final int SO_ERROR = 4;
    public static final int SO_PEERCRED = 17;
    public static final int SHUT_WR = 1;
    /** Bytes in {@code sun_path}. */
    public static final int SUN_PATH_SIZE = 108;

    public static final int EADDRINUSE = 98;
    public static final int ECONNREFUSED = 111;
    public static final int EINPROGRESS = 115;
    public static final int ENOTSOCK = 88;
    public static final int EPROTOTYPE = 91;
    public static final int ECONNRESET = 104;

    private static final long SOCKADDR_SIZE = 2 + SUN_PATH_SIZE;

    private static final class Bindings {
        static final MethodHandle SOCKET = Native.function("socket",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle BIND = Native.function("bind",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle LISTEN = Native.function("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle CONNECT = Native.function("connect",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle ACCEPT4 = Native.function("accept4",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        static final MethodHandle GETSOCKOPT = Native.function("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle GETSOCKNAME = Native.function("getsockname",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle GETPEERNAME = Native.function("getpeername",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle SENDTO = Native.function("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle RECVFROM = Native.function("recvfrom",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle SHUTDOWN = Native.function("shutdown",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private UnixSockets() {
    }

    /** {@code socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)}. */
    public static int socket(int type) {
        MemorySegment state = Native.callState();
        int fd;
        try {
            fd = (int) Bindings.SOCKET.invokeExact(state, AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (fd < 0) {
            throw Native.failure("socket", state);
        }
        return fd;
    }

    /** {@code bind(2)} to {@code name} (see the class comment for its form). */
    public static void bind(int fd, byte[] name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = sockaddr(arena, name);
            MemorySegment state = Native.callState();
            int r;
            try {
                r = (int) Bindings.BIND.invokeExact(state, fd, addr, (int) (2 + name.length));
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("bind", state);
            }
        }
    }

    /** {@code listen(2)}. */
    public static void listen(int fd, int backlog) {
        Libc.intCall(Bindings.LISTEN, "listen", fd, backlog);
    }

    /**
     * {@code connect(2)} on a non-blocking socket: {@code true} when connected at once,
     * {@code false} when in progress ({@code EINPROGRESS}, or {@code EAGAIN}: the
     * listener's queue is full); wait for writability, then read {@link #socketError}.
     */
    public static boolean connect(int fd, byte[] name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = sockaddr(arena, name);
            MemorySegment state = Native.callState();
            int r;
            try {
                r = (int) Bindings.CONNECT.invokeExact(state, fd, addr, (int) (2 + name.length));
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r == 0) {
                return true;
            }
            int errno = Native.errno(state);
            if (errno == EINPROGRESS || errno == Errno.EAGAIN) {
                return false;
            }
            throw new ErrnoException("connect", errno);
        }
    }

    /** {@code accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)}: the new descriptor, or -1 if none is queued. */
    public static int accept(int fd) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.ACCEPT4.invokeExact(state, fd, MemorySegment.NULL, MemorySegment.NULL,
                    SOCK_NONBLOCK | SOCK_CLOEXEC);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r >= 0) {
            return r;
        }
        if (Native.errno(state) == Errno.EAGAIN) {
            return -1;
        }
        throw Native.failure("accept4", state);
    }

    /** {@code shutdown(2)}. */
    public static void shutdown(int fd, int how) {
        Libc.intCall(Bindings.SHUTDOWN, "shutdown", fd, how);
    }

    /** {@code getsockopt(fd, SOL_SOCKET, SO_ERROR)}: the pending error (0 for none), cleared by reading it. */
    public static int socketError(int fd) {
        return intOption(fd, SO_ERROR);
    }

    /** {@code getsockopt(fd, SOL_SOCKET, SO_TYPE)}: {@link #SOCK_STREAM}, {@link #SOCK_DGRAM}, ... */
    public static int socketType(int fd) {
        return intOption(fd, SO_TYPE);
    }

    private static int intOption(int fd, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            getsockopt(fd, option, value);
            return value.get(JAVA_INT, 0);
        }
    }

    /**
     * {@code getsockopt(fd, SOL_SOCKET, SO_PEERCRED)}: the peer's {@code pid}, {@code uid}
     * and {@code gid} as they were when it connected (or called {@code socketpair}).
     */
    public static int[] peerCredentials(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cred = arena.allocate(12, 4);
            getsockopt(fd, SO_PEERCRED, cred);
            return new int[] {cred.get(JAVA_INT, 0), cred.get(JAVA_INT, 4), cred.get(JAVA_INT, 8)};
        }
    }

    private static void getsockopt(int fd, int option, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) value.byteSize());
            MemorySegment state = Native.callState();
            int r;
            try {
                r = (int) Bindings.GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, option, value, len);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure("getsockopt", state);
            }
        }
    }

    /** {@code getsockname(2)}: the local name. */
    public static byte[] localName(int fd) {
        return name(Bindings.GETSOCKNAME, "getsockname", fd);
    }

    /** {@code getpeername(2)}: the peer's name. */
    public static byte[] peerName(int fd) {
        return name(Bindings.GETPEERNAME, "getpeername", fd);
    }

    private static byte[] name(MethodHandle handle, String call, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(SOCKADDR_SIZE, 2);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) SOCKADDR_SIZE);
            MemorySegment state = Native.callState();
            int r;
            try {
                r = (int) handle.invokeExact(state, fd, addr, len);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                throw Native.failure(call, state);
            }
            return nameOf(addr, len.get(JAVA_INT, 0));
        }
    }

    /**
     * {@code sendto(2)} of {@code count} bytes to {@code name} ({@code null}: the connected
     * peer): the bytes sent, or -1 if it would block.
     */
    public static long sendto(int fd, MemorySegment buffer, long count, byte[] name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = name == null ? MemorySegment.NULL : sockaddr(arena, name);
            int addrLen = name == null ? 0 : 2 + name.length;
            MemorySegment state = Native.callState();
            long n;
            try {
                n = (long) Bindings.SENDTO.invokeExact(state, fd, buffer, count, 0, addr, addrLen);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (n >= 0) {
                return n;
            }
            if (Native.errno(state) == Errno.EAGAIN) {
                return -1;
            }
            throw Native.failure("sendto", state);
        }
    }

    /**
     * {@code recvfrom(2)} of one datagram into {@code buffer}: its length (truncated to the
     * buffer), or -1 if none is queued. The sender's name goes to {@code from[0]}.
     */
    public static long recvfrom(int fd, MemorySegment buffer, long count, byte[][] from) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(SOCKADDR_SIZE, 2);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) SOCKADDR_SIZE);
            MemorySegment state = Native.callState();
            long n;
            try {
                n = (long) Bindings.RECVFROM.invokeExact(state, fd, buffer, count, 0, addr, len);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (n < 0) {
                if (Native.errno(state) == Errno.EAGAIN) {
                    return -1;
                }
                throw Native.failure("recvfrom", state);
            }
            from[0] = nameOf(addr, len.get(JAVA_INT, 0));
            return n;
        }
    }

    private static MemorySegment sockaddr(Arena arena, byte[] name) {
        if (name.length > SUN_PATH_SIZE) {
            throw new IllegalArgumentException("an AF_UNIX name holds at most " + SUN_PATH_SIZE + " bytes, not "
                    + name.length);
        }
        MemorySegment addr = arena.allocate(SOCKADDR_SIZE, 2);
        addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, addr, JAVA_BYTE, 2, name.length);
        return addr;
    }

    /** The {@code sun_path} bytes the returned length covers, without a path's terminating NUL. */
    private static byte[] nameOf(MemorySegment addr, int addrLen) {
        int n = Math.max(0, Math.min(addrLen, (int) SOCKADDR_SIZE) - 2);
        byte[] out = addr.asSlice(2, n).toArray(JAVA_BYTE);
        if (n > 0 && out[0] != 0) {
            int end = 0;
            while (end < n && out[end] != 0) {
                end++;
            }
            if (end < n) {
                out = java.util.Arrays.copyOf(out, end);
            }
        }
        return out;
    }
}
