package org.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.Future;
import org.jasyncio.transport.WriteTransport;

/**
 * Writing to a stream: asyncio's {@code StreamWriter}, over any {@link WriteTransport}
 * (a TCP or Unix connection, a write pipe ...).
 *
 * <p>{@link #write} never blocks: what the transport cannot send at once is buffered.
 * Call {@link #drain()} after writing to let the transport's buffer go down below its
 * high-water mark (real backpressure: the task parks while the transport has paused
 * writing). {@link #close()} is immediate and {@link #waitClosed()} waits until the
 * connection is gone; asyncio's {@code async with} / {@code close(); await wait_closed()}
 * is {@code writer.close(); writer.waitClosed();}.
 *
 * <p>Threading: loop-confined; the awaiting methods must run in a task of the transport's loop.
 */
public final class StreamWriter implements AutoCloseable {
    private final WriteTransport transport;
    private final WriteFlowControl flow;
    private final StreamReader reader;
    private final Future<Void> closeWaiter;

    /**
     * @param transport   where bytes go
     * @param flow        what {@link #drain()} waits on: fed by the transport's protocol
     * @param reader      the reader of the same connection, whose error {@link #drain()}
     *                    raises first (may be {@code null}, e.g. for a write-only pipe)
     * @param closeWaiter completed (or failed) when the connection is lost; {@link #waitClosed()} awaits it
     */
    public StreamWriter(WriteTransport transport, WriteFlowControl flow, StreamReader reader,
            Future<Void> closeWaiter) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.reader = reader;
        this.closeWaiter = Objects.requireNonNull(closeWaiter, "closeWaiter");
    }

    /** The transport (asyncio's {@code writer.transport}). */
    public WriteTransport transport() {
        return transport;
    }

    /** Writes the remaining bytes of {@code data}, consuming it. */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    public void write(byte[] data) {
        transport.write(data);
    }

    /** Writes every buffer in order (a gathering write where the transport can). */
    public void writelines(List<ByteBuffer> data) {
        transport.writelines(data);
    }

    public void writelines(byte[]... data) {
        List<ByteBuffer> list = new ArrayList<>(data.length);
        for (byte[] d : data) {
            list.add(ByteBuffer.wrap(d));
        }
        transport.writelines(list);
    }

    /** Closes the sending side once buffered data is flushed (see {@link WriteTransport#writeEof()}). */
    public void writeEof() {
        transport.writeEof();
    }

    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the transport; buffered data is still sent. Idempotent. */
    @Override
    public void close() {
        transport.close();
    }

    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Waits until the connection is lost (after {@link #close()}, say); throws the error it
     * was lost with, if any. Awaiting.
     */
    public void waitClosed() {
        closeWaiter.await();
    }

    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * Waits until the transport's write buffer is down to its low-water mark; returns at
     * once when writing is not paused (no suspension on the fast path). Awaiting.
     *
     * <p>As asyncio: throws the reader's error first, if it has one; on a closing
     * transport, yields once to the loop so that a pending {@code connectionLost} runs and
     * its error (or {@link org.jasyncio.net.ConnectionResetException}) reaches this call —
     * a loop of {@code write; drain} on a closed connection fails instead of spinning.
     */
    public void drain() {
        if (reader != null) {
            Throwable e = reader.exception();
            if (e != null) {
                throw StreamReader.<RuntimeException>sneaky(e);
            }
        }
        if (transport.isClosing()) {
            AsyncIO.sleep(0);
        }
        flow.drain();
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader == null ? "" : " reader=" + reader) + ">";
    }
}
