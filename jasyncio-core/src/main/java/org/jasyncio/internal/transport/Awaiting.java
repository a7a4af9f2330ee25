package org.jasyncio.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Supplier;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.BaseTransport;

/**
 * What the awaiting network methods share: the check they start with (inside a task of
 * their loop) and the call of the user's protocol factory.
 */
public final class Awaiting {
    private Awaiting() {
    }

    /**
     * @throws IllegalStateException outside a task (the message says how to call it), or in
     *         a task of another loop
     */
    public static Task<?> require(EventLoop loop, String operation) {
        Task<?> task = Task.requireCurrent(operation + "()");
        if (task.getLoop() != loop) {
            throw new IllegalStateException(operation + "() of " + loop + " was called from task " + task.getName()
                    + " of another loop; call it on the loop the task runs on (AsyncIO.getRunningLoop())");
        }
        return task;
    }

    /**
     * Calls the protocol factory; if it fails (or returns {@code null}), closes
     * {@code socket} when the caller opened it ({@code socket} may be {@code null}).
     */
    public static <P> P makeProtocol(Supplier<? extends P> factory, Closeable socket) {
        try {
            P protocol = factory.get();
            if (protocol == null) {
                throw new IllegalStateException("the protocol factory returned null");
            }
            return protocol;
        } catch (RuntimeException | Error e) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            throw e;
        }
    }

    /**
     * Waits until the new transport has called {@code connectionMade}; if the wait is
     * cancelled (or fails), closes the transport before re-throwing.
     */
    public static void awaitStarted(Future<Void> waiter, BaseTransport transport) {
        try {
            waiter.await();
        } catch (Throwable t) {
            transport.close();
            throw t;
        }
    }
}
