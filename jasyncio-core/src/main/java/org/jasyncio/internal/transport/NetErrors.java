package org.jasyncio.internal.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import org.jasyncio.net.AddressResolutionException;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.net.ConnectionAbortedException;
import org.jasyncio.net.ConnectionRefusedException;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.NetworkTimeoutException;

/**
 * The one place that turns the JDK's {@link IOException}s into jasyncio's unchecked
 * {@link NetworkException} family, keeping asyncio's meaning (Python's errno-based
 * {@code OSError} subclasses).
 *
 * <p>Design note: the JDK reports most socket errors as plain {@code IOException} or
 * {@code SocketException} whose message is the C library's {@code strerror} text; the
 * exception type is used where the JDK has one ({@link ConnectException},
 * {@link PortUnreachableException}, ...) and the message otherwise. The original
 * exception is always the cause.
 */
public final class NetErrors {
    private NetErrors() {
    }

    /** {@code e} as a {@link NetworkException} with its own message. */
    public static NetworkException map(IOException e) {
        return map(e, null);
    }

    /**
     * {@code e} as a {@link NetworkException}; {@code context} (may be {@code null}) is put
     * in front of the JDK's message, e.g. {@code "Connect call failed /127.0.0.1:1"}.
     */
    public static NetworkException map(IOException e, String context) {
        String reason = reason(e);
        String message = context == null ? reason : context + ": " + reason;
        String text = reason.toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException && text.contains("timed out")) {
            return new NetworkTimeoutException(message, e);
        }
        if (e instanceof PortUnreachableException || e instanceof ConnectException && !text.contains("no route")
                && !text.contains("unreachable") || text.contains("connection refused")) {
            return new ConnectionRefusedException(message, e);
        }
        if (e instanceof SocketTimeoutException || text.contains("timed out")) {
            return new NetworkTimeoutException(message, e);
        }
        if (e instanceof UnknownHostException) {
            return new AddressResolutionException(message, e);
        }
        if (text.contains("connection reset")) {
            return new ConnectionResetException(message, e);
        }
        if (text.contains("broken pipe")) {
            return new BrokenPipeException(message, e);
        }
        if (text.contains("connection abort")) {
            return new ConnectionAbortedException(message, e);
        }
        return new NetworkException(message, e);
    }

    private static String reason(IOException e) {
        if (e instanceof ClosedChannelException) {
            return "Bad file descriptor (the socket is closed)";
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Whether an {@code accept} failed because the process or system ran out of
     * descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): asyncio then pauses
     * accepting for a while instead of spinning.
     */
    public static boolean isOutOfResources(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return false;
        }
        String text = m.toLowerCase(Locale.ROOT);
        return text.contains("too many open files") || text.contains("no buffer space")
                || text.contains("cannot allocate memory") || text.contains("out of memory");
    }
}
