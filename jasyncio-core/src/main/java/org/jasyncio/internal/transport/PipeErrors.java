package org.jasyncio.internal.transport;

import org.jasyncio.loop.EventLoop;

/**
 * How the pipe transports report an I/O error (asyncio's pipe {@code _fatal_error}): EIO
 * is what reading a pty's master gives once the other side closed, an ordinary end, so it
 * is only logged in debug mode; any other error goes to the loop's exception handler,
 * unlike a socket's (a peer reset is routine for a socket, not for a pipe).
 */
final class PipeErrors {
    private PipeErrors() {
    }

    static void report(EventLoop loop, Object transport, Object protocol, Throwable exc, String message) {
        String m = exc.getMessage();
        if (m != null && m.contains("EIO (")) {
            if (loop.getDebug()) {
                System.getLogger("org.jasyncio").log(System.Logger.Level.DEBUG, transport + ": " + message, exc);
            }
        } else {
            Failures.report(loop, transport, protocol, exc, message);
        }
    }
}
