package org.jasyncio.internal.transport;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;

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
}
