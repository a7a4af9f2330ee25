package org.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
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
 */
public class StreamReaderProtocol implements Protocol {
    private final EventLoop loop;
    private final StreamReader reader;
    private final ClientConnected clientConnected;
    private final WriteFlowControl flow;
    private final Future<Void> closed;
    private Transport transport;
    private StreamWriter writer;
    private Task<Void> task;

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
