package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The data path of a non-blocking stream socket: {@code read(2)} and
 * {@code send(2, MSG_NOSIGNAL)} as critical downcalls that may take Java heap memory.
 *
 * <p>Design note (speed): a JDK {@code SocketChannel} read or write takes a lock, marks
 * the thread as in I/O, goes through JNI and, for a heap buffer, copies it through a
 * temporary direct buffer. On a non-blocking socket none of that is needed: the call
 * never blocks, so it may run as a critical function (no thread-state transition) with
 * heap access allowed, and a {@code byte[]} goes to the kernel in place. Only for
 * descriptors known to be non-blocking sockets (a blocking one would stall the JVM's
 * safepoints while it waits). {@code MSG_NOSIGNAL}: a write to a connection the peer
 * reset fails with {@code EPIPE} instead of raising {@code SIGPIPE}, whatever the JVM's
 * signal setup.
 *
 * <p>A transport's socket must stay non-blocking (asyncio's rule too): one switched back
 * to blocking by its user would make a read wait inside a critical call.
 */
public final class SocketIo {
    /** Linux's {@code MSG_NOSIGNAL} (x86_64 and aarch64 alike). */
    static final int MSG_NOSIGNAL = 0x4000;

    private static final class Bindings {
        static final MethodHandle READ = Native.function("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
        static final MethodHandle SEND = Native.function("send",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Linker.Option.critical(true));
    }

    /** Looked up once: every accepted connection asks. */
    private static final boolean AVAILABLE = Native.isAvailable() && Native.hasFunction("send");

    private SocketIo() {
    }

    /** Whether the C library has what this class calls (checked without linking anything). */
    public static boolean isAvailable() {
        return AVAILABLE;
    }

    /**
     * {@code read(2)} into {@code buffer} (native or heap memory): bytes read, 0 at end of
     * stream, -1 when nothing is available (EAGAIN, or EINTR: the readiness backend will
     * report the socket again).
     */
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

    /**
     * {@code send(2)} with {@code MSG_NOSIGNAL} from {@code buffer} (native or heap
     * memory): bytes written, or -1 when the socket takes nothing now (EAGAIN, EINTR).
     */
    public static long send(int fd, MemorySegment buffer, long count) {
        MemorySegment state = Native.callState();
        long n;
        try {
            n = (long) Bindings.SEND.invokeExact(state, fd, buffer, count, MSG_NOSIGNAL);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return n >= 0 ? n : wouldBlockOrThrow("send", state);
    }

    private static long wouldBlockOrThrow(String call, MemorySegment state) {
        int errno = Native.errno(state);
        if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
            return -1;
        }
        throw Native.failure(call, state);
    }
}
