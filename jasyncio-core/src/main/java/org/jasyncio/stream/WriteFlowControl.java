package org.jasyncio.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.task.Future;

/**
 * Write flow control for tasks: asyncio's {@code FlowControlMixin} (its paused flag, its
 * drain waiters and its connection-lost error) by composition. A protocol forwards its
 * {@code pauseWriting()}, {@code resumeWriting()} and {@code connectionLost(exc)}
 * callbacks here; a task calls {@link #drain()} to wait until the transport takes more
 * data. {@link StreamWriter#drain()} waits on one of these, and so can any protocol of
 * any transport (a subprocess's stdin pipe, say).
 *
 * <p>{@link #drain()} does not suspend when writing is not paused: the common case costs
 * a field read. Several tasks may wait at once; {@code resumeWriting()} wakes them all.
 *
 * <p>Threading: loop-confined.
 */
public final class WriteFlowControl {
    private final EventLoop loop;
    private boolean paused;
    private boolean connectionLost;
    private List<Future<Void>> waiters;

    public WriteFlowControl(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** Whether writing is paused (the transport's buffer is above its high-water mark). */
    public boolean isPaused() {
        return paused;
    }

    /** Whether {@link #connectionLost} was called. */
    public boolean isConnectionLost() {
        return connectionLost;
    }

    /** Forward the protocol's {@code pauseWriting()} here. */
    public void pauseWriting() {
        paused = true;
    }

    /** Forward the protocol's {@code resumeWriting()} here: wakes every task in {@link #drain()}. */
    public void resumeWriting() {
        if (!paused) {
            return;
        }
        paused = false;
        wakeAll(null);
    }

    /**
     * Forward the protocol's {@code connectionLost(exc)} here: tasks waiting in
     * {@link #drain()} return ({@code exc == null}) or throw {@code exc}; later drains
     * throw {@link ConnectionResetException}.
     */
    public void connectionLost(Throwable exc) {
        connectionLost = true;
        if (!paused) {
            return;
        }
        wakeAll(exc);
    }

    private void wakeAll(Throwable exc) {
        List<Future<Void>> ws = waiters;
        if (ws == null) {
            return;
        }
        for (Future<Void> w : List.copyOf(ws)) {
            if (w.done()) {
                continue;
            }
            if (exc == null) {
                w.setResult(null);
            } else {
                w.setException(exc);
            }
        }
    }

    /**
     * Returns at once unless writing is paused; then parks the calling task until
     * {@code resumeWriting()} or {@code connectionLost}. Awaiting (asyncio's
     * {@code _drain_helper}).
     *
     * @throws ConnectionResetException if the connection is lost
     */
    public void drain() {
        if (connectionLost) {
            throw new ConnectionResetException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        waiters.add(w);
        try {
            w.await();
        } finally {
            waiters.remove(w);
        }
    }

    @Override
    public String toString() {
        return "<WriteFlowControl" + (paused ? " paused" : "") + (connectionLost ? " lost" : "")
                + (waiters == null || waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + ">";
    }
}
