package org.jasyncio.internal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.WriteBufferLimits;
import org.jasyncio.transport.WriteTransport;

/**
 * The child's stdin as a {@link WriteTransport} over a {@link ProcessBuilder} pipe, pumped
 * by a helper thread: {@link #write} copies the bytes into a queue (never blocking the
 * loop), the thread writes them to the JDK's blocking stream and reports each chunk
 * written back to the loop, which shrinks the buffer size and calls
 * {@code resumeWriting} at the low-water mark. Flow control is asyncio's: the protocol is
 * told to pause above the high-water mark.
 *
 * <p>{@link #writeEof()} and {@link #close()} close the stream once everything queued
 * is written (a pipe has no half-close: closing the write end is its end of file), then
 * report the loss. A child that closed its stdin (or exited) makes the next write fail:
 * that is reported as a {@link BrokenPipeException}, as asyncio's write pipe reports EPIPE.
 *
 * <p>Threading: loop-thread only, except the pump. The hand-over is lock-free (a
 * concurrent queue, a volatile abort flag, {@code LockSupport.park}/{@code unpark}):
 * {@link #write} runs in tasks, virtual threads carried by the loop thread, and a task
 * queued for a lock that the loop thread then also waits for would deadlock the loop
 * (see {@link ThreadedReadPipe}).
 */
final class ThreadedWritePipe implements WriteTransport {
    private static final byte[] END = new byte[0];

    private final EventLoop loop;
    private final OutputStream out;
    private final PipeListener listener;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final Thread pump;
    /** Set by the loop when the pipe is dropped: the pump writes nothing more and closes the stream. */
    private volatile boolean aborted;
    private WriteBufferLimits limits = WriteBufferLimits.DEFAULT;
    private long buffered;
    private boolean paused;
    private boolean closing;
    private boolean lost;

    ThreadedWritePipe(EventLoop loop, OutputStream out, PipeListener listener, String name) {
        this.loop = loop;
        this.out = out;
        this.listener = listener;
        this.pump = Thread.ofPlatform().daemon().name(name).start(this::pump);
    }

    private void pump() {
        try {
            while (true) {
                if (aborted) {
                    closeStream();
                    return;
                }
                byte[] chunk = queue.poll();
                if (chunk == null) {
                    LockSupport.park(this); // woken by add() or abort; a wake-up before the park leaves a permit
                    continue;
                }
                if (chunk == END) {
                    out.close();
                    post(() -> lose(null));
                    return;
                }
                out.write(chunk);
                out.flush();
                post(() -> written(chunk.length));
            }
        } catch (IOException e) {
            closeStream();
            post(() -> lose(new BrokenPipeException("the child's stdin is closed: " + e.getMessage(), e)));
        }
    }

    private void enqueue(byte[] chunk) {
        queue.add(chunk);
        LockSupport.unpark(pump);
    }

    private void dropAll() {
        aborted = true;
        queue.clear();
        LockSupport.unpark(pump);
    }

    private void closeStream() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private void post(Runnable onLoop) {
        Handoff.post(loop, onLoop);
    }

    private void written(int n) {
        buffered -= n;
        if (paused && buffered <= limits.low()) {
            paused = false;
            listener.pipeResumeWriting();
        }
    }

    private void lose(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        dropAll();
        buffered = 0;
        listener.pipeLost(0, exc);
    }

    /**
     * The child exited, so nobody reads the pipe any more: asyncio's write pipe learns it
     * from the pipe's readiness (the reader closed); a JDK stream cannot say, so the
     * subprocess transport tells it. Lost with a {@link BrokenPipeException} when bytes
     * were still buffered, else regularly.
     */
    void readerGone() {
        if (lost) {
            return;
        }
        lose(buffered > 0 ? new BrokenPipeException("the child exited before reading " + buffered
                + " buffered bytes of its stdin") : null);
    }

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (closing) {
            if (lost) {
                data.position(data.limit());
                return;
            }
            throw new IllegalStateException("the child's stdin is closing (writeEof or close was called): "
                    + "nothing more can be written to it");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        byte[] copy = new byte[n];
        data.get(copy);
        buffered += n;
        enqueue(copy);
        if (!paused && buffered > limits.high()) {
            paused = true;
            listener.pipePauseWriting();
        }
    }

    @Override
    public void writelines(List<ByteBuffer> data) {
        for (ByteBuffer b : data) {
            write(b);
        }
    }

    @Override
    public void writeEof() {
        if (closing) {
            return;
        }
        closing = true;
        enqueue(END);
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void abort() {
        if (lost) {
            return;
        }
        closing = true;
        dropAll();
        loop.callSoon(() -> lose(null));
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        limits = WriteBufferLimits.of(high, low);
        if (!paused && buffered > limits.high()) {
            paused = true;
            listener.pipePauseWriting();
        }
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return limits;
    }

    @Override
    public long getWriteBufferSize() {
        return buffered;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "pipe".equals(name) ? out : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        writeEof();
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        throw new UnsupportedOperationException("the stdin pipe of a subprocess transport reports to its subprocess "
                + "protocol; set that one on the subprocess transport instead");
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return null;
    }

    @Override
    public String toString() {
        return "ThreadedWritePipe[buffered=" + buffered + (closing ? ", closing" : "") + "]";
    }
}
