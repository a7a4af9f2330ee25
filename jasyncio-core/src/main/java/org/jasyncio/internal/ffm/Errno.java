package org.jasyncio.internal.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux error numbers (the same on x86_64 and aarch64 for all of these) and their text.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;

    private static final String[] NAMES = new String[39];

    static {
        NAMES[EPERM] = "EPERM";
        NAMES[ENOENT] = "ENOENT";
        NAMES[EINTR] = "EINTR";
        NAMES[EIO] = "EIO";
        NAMES[EBADF] = "EBADF";
        NAMES[EAGAIN] = "EAGAIN";
        NAMES[ENOMEM] = "ENOMEM";
        NAMES[EACCES] = "EACCES";
        NAMES[EEXIST] = "EEXIST";
        NAMES[ENOTDIR] = "ENOTDIR";
        NAMES[EINVAL] = "EINVAL";
        NAMES[ENFILE] = "ENFILE";
        NAMES[EMFILE] = "EMFILE";
        NAMES[ENOTTY] = "ENOTTY";
        NAMES[EPIPE] = "EPIPE";
        NAMES[ENOSYS] = "ENOSYS";
    }

    private static final class Bindings {
        static final MethodHandle STRERROR = Native.plainFunction("strerror",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private Errno() {
    }

    /** The symbolic name ({@code "EPERM"}), or {@code "errno N"} for numbers not listed here. */
    public static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /** {@code "EPERM (Operation not permitted)"}: the name and the C library's text. */
    public static String describe(int errno) {
        return name(errno) + " (" + strerror(errno) + ")";
    }

    /** The C library's {@code strerror(errno)}; reading its C string is a restricted method. */
    @SuppressWarnings("restricted")
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Bindings.STRERROR.invokeExact(errno);
            if (text.equals(MemorySegment.NULL)) {
                return "unknown error";
            }
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }
}
