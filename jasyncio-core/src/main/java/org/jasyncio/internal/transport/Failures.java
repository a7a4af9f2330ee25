package org.jasyncio.internal.transport;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.net.NetworkException;

/** How the transports treat what a protocol callback throws. */
public final class Failures {
    private Failures() {
    }

    /**
     * Lets errors the JVM cannot recover from escape (as asyncio lets {@code SystemExit}
     * and {@code KeyboardInterrupt} escape); everything else is the protocol's failure.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /** Reports a callback failure the way the loop reports a failing {@code callSoon} callback. */
    public static void reportCallback(EventLoop loop, String what, Throwable t, Object transport, Object protocol) {
        rethrowIfFatal(t);
        ExceptionContext context = ExceptionContext.of("Exception in callback " + what, t);
        if (transport != null) {
            context = context.with(ExceptionContext.TRANSPORT, transport);
        }
        if (protocol != null) {
            context = context.with(ExceptionContext.PROTOCOL, protocol);
        }
        loop.callExceptionHandler(context);
    }

    /**
     * asyncio's {@code _fatal_error} report: an I/O error of the socket or pipe
     * ({@link NetworkException}) is the peer's doing and only logged in debug mode; anything
     * else (a protocol callback that threw) goes to the loop's exception handler.
     */
    static void reportFatal(EventLoop loop, Object transport, Object protocol, Throwable exc, String message) {
        if (exc instanceof NetworkException) {
            if (loop.getDebug()) {
                System.getLogger("org.jasyncio").log(System.Logger.Level.DEBUG, transport + ": " + message, exc);
            }
        } else {
            report(loop, transport, protocol, exc, message);
        }
    }

    /** A transport's fatal error, for the loop's exception handler. */
    static void report(EventLoop loop, Object transport, Object protocol, Throwable exc, String message) {
        loop.callExceptionHandler(ExceptionContext.of(message, exc)
                .with(ExceptionContext.TRANSPORT, transport).with(ExceptionContext.PROTOCOL, protocol));
    }
}
