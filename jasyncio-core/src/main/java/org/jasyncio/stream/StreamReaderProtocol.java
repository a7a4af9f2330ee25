package org.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.BufferedProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * The protocol between a stream transport and a (reader, writer) pair: asyncio's
 * {@code StreamReaderProtocol}. It feeds received data and end of stream to its
 * {@link StreamReader}, forwards write flow control to a {@link WriteFlowControl}, and
 * completes the close waiter {@link StreamWriter#waitClosed()} awaits when the connection
 * is lost.
 *
 * <p>Use it with any {@code EventLoop.create*} call that takes a stream protocol factory:
 * <pre>{@code
 * StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader(loop));
 * loop.createConnection(() -> p, host, port);
 * StreamPair streams = p.streams();
 * }</pre>
 * or through {@link Streams#open} and {@link Streams#serverProtocols}. With a
 * {@link ClientConnected} callback (a server), each connection starts a task running it.
 *
 * <p>End of stream from the peer keeps the connection open for writing (half-close), as
 * asyncio does outside TLS. Threading: loop-confined; the callbacks run on the loop thread.
 *
 * <p>Design note (copies): it is also a {@link BufferedProtocol}, which transports prefer,
 * so received bytes are read straight into the reader's buffer when that has at least
 * {@link #IN_PLACE_MIN} bytes of free room (a reader that has seen large reads keeps a
 * large buffer): on the FFM backends the kernel then writes into the reader's array, which
 * saves the copy out of the transport's read buffer. A smaller buffer gets the bytes
 * through a per-thread direct scratch buffer of the transport's read size instead (one
 * copy, as {@code dataReceived} makes), so a connection exchanging small messages keeps a
 * small buffer and still reads as much as is there in one call. {@link #dataReceived}
 * stays for anything that feeds it directly; a subclass overriding it must override
 * {@link #getBuffer} and {@link #bufferUpdated} too, which transports call instead.
 */
public class StreamReaderProtocol implements Protocol, BufferedProtocol {
    /** The least free room in the reader's buffer for a read to go there directly. */
    static final int IN_PLACE_MIN = 64 * 1024;
    /** The scratch array's size: what a transport reads per readiness event (asyncio's max_size). */
    static final int SCRATCH_SIZE = 256 * 1024;
    /**
     * Loop threads only: a read is copied out before the next one, so one buffer per
     * thread serves every reader. Direct, so that no path (a JDK channel, a pipe
     * descriptor) copies it once more on the way in.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SCRATCH_SIZE));

    private final EventLoop loop;
    private final StreamReader reader;
    private final ClientConnected clientConnected;
    private final WriteFlowControl flow;
    private final Future<Void> closed;
    private Transport transport;
    private StreamWriter writer;
    private Task<Void> task;
    /** What the last {@link #getBuffer} lent: the reader's room (true) or the scratch array (false). */
    private boolean lentInPlace;

    /** A client-side protocol feeding {@code reader}. */
    public StreamReaderProtocol(StreamReader reader) {
        this(reader, null);
    }

    /**
     * A protocol feeding {@code reader}; with {@code clientConnected} non-null, a task
     * running it starts as soon as the connection is made.
     */
    public StreamReaderProtocol(StreamReader reader, ClientConnected clientConnected) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.loop = reader.getLoop();
        this.clientConnected = clientConnected;
        this.flow = new WriteFlowControl(loop);
        this.closed = loop.createFuture();
    }

    public StreamReader reader() {
        return reader;
    }

    /** What {@link StreamWriter#drain()} waits on. */
    public WriteFlowControl flowControl() {
        return flow;
    }

    /** Completes when the connection is lost (with its error, if any). */
    public Future<Void> closeWaiter() {
        return closed;
    }

    /** The transport, once connected (else {@code null}). */
    public Transport transport() {
        return transport;
    }

    /**
     * The reader and a writer on this protocol's transport (the same writer every time).
     *
     * @throws IllegalStateException before {@code connectionMade}
     */
    public StreamPair streams() {
        if (transport == null) {
            throw new IllegalStateException("the connection is not made yet: call streams() after the "
                    + "loop's create*() call returned");
        }
        return new StreamPair(reader, writer());
    }

    private StreamWriter writer() {
        if (writer == null) {
            writer = new StreamWriter(transport, flow, reader, closed);
        }
        return writer;
    }

    // ================================================================== protocol callbacks

    @Override
    public void connectionMade(Transport t) {
        this.transport = t;
        reader.setTransport(t);
        if (clientConnected == null) {
            return;
        }
        StreamWriter w = writer();
        ClientConnected cb = clientConnected;
        task = loop.createTask(Coroutine.of(() -> cb.handle(reader, w)));
        task.addDoneCallback(done -> {
            if (done.cancelled()) {
                t.close();
                return;
            }
            Throwable exc = done.exception();
            if (exc != null) {
                loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", exc)
                        .with(ExceptionContext.TRANSPORT, t));
                t.close();
            }
        });
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        ByteBuffer room = reader.receiveRoom(IN_PLACE_MIN);
        lentInPlace = room != null;
        return lentInPlace ? room : SCRATCH.get().clear();
    }

    @Override
    public void bufferUpdated(int nbytes) {
        if (lentInPlace) {
            reader.receivedInPlace(nbytes);
        } else {
            reader.feedData(SCRATCH.get().position(0).limit(nbytes));
        }
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return true;
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (exc == null) {
            reader.feedEof();
        } else {
            reader.setException(exc);
        }
        if (!closed.done()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                // Nobody has to wait for the close: do not report the error as "never
                // retrieved" (asyncio's __del__ does the same); waitClosed() still throws it.
                closed.exception();
            }
        }
        flow.connectionLost(exc);
        task = null;
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }

    @Override
    public String toString() {
        return "<StreamReaderProtocol reader=" + reader + " " + flow + ">";
    }
}
