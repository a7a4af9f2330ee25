package org.jasyncio.internal.ffm;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A libc call failed: which call, and the {@code errno} it set. Unchecked, like every
 * jasyncio exception; backends translate the errnos they expect into the exception that
 * tells the user what to do.
 */
public final class ErrnoException extends UncheckedIOException {
    private final String call;
    private final int errno;

    public ErrnoException(String call, int errno) {
        this(call, errno, call + " failed: " + Errno.describe(errno));
    }

    private ErrnoException(String call, int errno, String message) {
        super(message, new IOException(message));
        this.call = call;
        this.errno = errno;
    }

    /** The C function that failed ({@code "epoll_ctl"}). */
    public String call() {
        return call;
    }

    /** The error number it reported. */
    public int errno() {
        return errno;
    }
}
