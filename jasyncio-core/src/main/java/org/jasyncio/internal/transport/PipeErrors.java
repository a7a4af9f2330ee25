package org.jasyncio.internal.transport;

import org.jasyncio.loop.EventLoop;

/**
 * How the pipe transports report an I/O error (asyncio's pipe {@code _fatal_error}): EIO
 * is what reading a pty's master gives once the other side closed, and EPIPE what writing
 * gives once the reader is gone (a child that closed its stdin or exited: CPython 3.11 and
 * 3.13 report neither to the exception handler, the protocol hears it in
 * {@code connectionLost}); both are ordinary ends, only logged in debug mode. Any other
 * error goes to the loop's exception handler, unlike a socket's.
 */
final class PipeErrors {
    private PipeErrors() {
    }

    static void report(EventLoop loop, Object transport, Object protocol, Throwable exc, String message) {
        String m = exc.getMessage();
        if (exc instanceof org.jasyncio.net.BrokenPipeException || m != null && m.contains("EIO (")) {
            if (loop.getDebug()) {
                System.getLogger("org.jasyncio").log(System.Logger.Level.DEBUG, transport + ": " + message, exc);
            }
        } else {
            Failures.report(loop, transport, protocol, exc, message);
        }
    }
}
