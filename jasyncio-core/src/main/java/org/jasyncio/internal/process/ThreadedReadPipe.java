package org.jasyncio.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.ReadTransport;

/**
 * The read side of a {@link ProcessBuilder} pipe (the child's stdout or stderr) as a
 * {@link ReadTransport}, pumped by a helper thread: the JDK's pipe stream is blocking and
 * must never be polled (its reaper drains and closes it when the child exits), so one
 * thread reads it and hands each chunk to the loop with {@code callSoonThreadsafe}.
 *
 * <p>Memory stays bounded: at most {@link #IN_FLIGHT} chunks of {@link #CHUNK} bytes are
 * on their way to the loop, and while reading is paused the thread stops reading, so the
 * child blocks on a full pipe (backpressure reaches it as with a loop-watched pipe).
 *
 * <p>Threading: the transport methods are loop-thread only; the pump thread touches only
 * the stream and the handshake state ({@link #paused}, {@link #closing}, {@link #inFlight}),
 * which is volatile or atomic: the loop side changes it and unparks the pump, the pump
 * re-checks it around {@code LockSupport.park}. No lock on purpose: these methods are
 * called from tasks (a {@code StreamReader} resumes reading inside {@code read()}), and a
 * task is a virtual thread carried by the loop thread. Had it to wait for a lock the pump
 * holds, it would queue behind it, and the loop thread, blocking on the same lock in
 * {@code deliver} next, would queue behind the task that only the loop thread can run:
 * a deadlock (it happened, with a {@code ReentrantLock}).
 */
final class ThreadedReadPipe implements ReadTransport {
    static final int CHUNK = 64 * 1024;
    static final int IN_FLIGHT = 4;

    private final EventLoop loop;
    private final InputStream in;
    private final int fd;
    private final PipeListener listener;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread pump;
    private volatile boolean paused;
    private volatile boolean closing;
    private boolean lost;

    ThreadedReadPipe(EventLoop loop, InputStream in, int fd, PipeListener listener, String name) {
        this.loop = loop;
        this.in = in;
        this.fd = fd;
        this.listener = listener;
        this.pump = Thread.ofPlatform().daemon().name(name).start(this::pump);
    }

    private void pump() {
        try {
            while (true) {
                if (!awaitTurn()) {
                    return;
                }
                byte[] buf = new byte[CHUNK];
                int n = in.read(buf);
                if (n < 0) {
                    post(() -> lose(null));
                    return;
                }
                post(() -> deliver(buf, n));
            }
        } catch (IOException e) {
            post(() -> lose(closing ? null : e));
        }
    }

    /**
     * Waits while paused or too many chunks are in flight; false once closed. A wake-up
     * ({@link #wakePump}) that comes before the park leaves a permit, so none is lost.
     */
    private boolean awaitTurn() {
        while (!closing) {
            if (!paused && inFlight.get() < IN_FLIGHT) {
                inFlight.incrementAndGet(); // only the pump increments: no race past IN_FLIGHT
                return true;
            }
            LockSupport.park(this);
        }
        return false;
    }

    private void wakePump() {
        LockSupport.unpark(pump);
    }

    private void post(Runnable onLoop) {
        Handoff.post(loop, onLoop);
    }

    private void deliver(byte[] buf, int n) {
        inFlight.decrementAndGet();
        wakePump();
        if (!lost && !closing) {
            listener.pipeData(fd, ByteBuffer.wrap(buf, 0, n).asReadOnlyBuffer());
        }
    }

    private void lose(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        setClosing();
        closeStream();
        listener.pipeLost(fd, exc);
    }

    private void setClosing() {
        closing = true;
        wakePump();
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a pipe whose child is gone
        }
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    @Override
    public void pauseReading() {
        if (closing) {
            return;
        }
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        wakePump();
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "pipe".equals(name) ? in : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    /**
     * Stops delivering and reports the loss soon. The pump thread may still be blocked in
     * {@code read}, which keeps the pipe open until it returns: the child's next write
     * still succeeds (and is dropped), the writes after it fail with EPIPE. (A pipe the
     * loop watches closes at once; a JDK stream cannot be woken from a blocked read.)
     * The subprocess transport kills a child it closes while running, which ends the read.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        setClosing();
        loop.callSoon(() -> lose(null));
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        throw new UnsupportedOperationException("the pipe of a subprocess transport delivers to its subprocess "
                + "protocol; set that one on the subprocess transport's protocol instead");
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return null;
    }

    @Override
    public String toString() {
        return "ThreadedReadPipe[fd=" + fd + (closing ? ", closing" : "") + "]";
    }
}
