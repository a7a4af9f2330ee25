package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.jasyncio.context.Context;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.BaseTransport;

/**
 * What the stream and datagram transports share, by composition (asyncio's
 * {@code _SelectorTransport} base without the inheritance): the channel's registration
 * and interest bits, the readiness dispatch (in the transport's context, with failures
 * reported), the {@code connectionMade} start, the connection-lost counter and its
 * warning, and the final release of the socket.
 */
final class TransportCore implements ReadinessBackend.ReadyListener {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");
    /** asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    /** The transport side of the dispatch. */
    interface Handler {
        void readReady();

        void writeReady();

        BaseProtocol<?> protocol();
    }

    final IoContext io;
    final EventLoop loop;
    /** What the loop records the owner under (the channel, or the descriptor's socket object). */
    final Object key;
    private final java.io.Closeable socket;
    final Context context;
    private final Handler handler;
    private final ReadinessBackend.Registration registration;
    private Future<Void> waiter;
    int interest;
    /** asyncio's {@code _conn_lost}: non-zero once connectionLost is scheduled; counts ignored writes after. */
    int connLost;
    boolean closing;
    private int writesAfterClose;
    /** connectionLost has run (or the loop closed): the socket is released. */
    boolean lost;

    TransportCore(IoContext io, StreamEndpoint endpoint, Context context, Handler handler, LoopResource owner,
            Future<Void> waiter) {
        this(io, endpoint.pollable(), endpoint.ownerKey(), endpoint, context, handler, owner, waiter);
    }

    /** A transport over any watched source: {@code socket} is closed on release, {@code key} names it in {@code io}. */
    TransportCore(IoContext io, Pollable source, Object key, java.io.Closeable socket, Context context,
            Handler handler, LoopResource owner, Future<Void> waiter) {
        this.io = io;
        this.loop = io.loop();
        this.key = key;
        this.socket = socket;
        this.context = context;
        this.handler = handler;
        this.waiter = waiter;
        this.registration = io.backend().register(source, 0, this);
        io.claim(key, owner);
    }

    @Override
    public void ready(int readyOps) {
        Context previous = io.enter(context);
        try {
            if ((readyOps & ReadinessBackend.READ) != 0 && (interest & ReadinessBackend.READ) != 0) {
                handler.readReady();
            }
            if ((readyOps & ReadinessBackend.WRITE) != 0 && (interest & ReadinessBackend.WRITE) != 0) {
                handler.writeReady();
            }
        } catch (Throwable t) {
            Failures.reportCallback(loop, "readiness of " + handler, t, handler, handler.protocol());
        } finally {
            io.exit(previous);
        }
    }

    /**
     * asyncio's three start-up steps in one callback: {@code connectionMade} (what it
     * throws is reported, as a failing callback's would be), then {@code startReading}
     * (which checks whether the protocol paused reading or closed meanwhile), then the
     * creator's waiter.
     */
    <T extends BaseTransport> void start(BaseProtocol<T> protocol, T transport, Runnable startReading) {
        try {
            protocol.connectionMade(transport);
        } catch (Throwable t) {
            Failures.reportCallback(loop, "connectionMade() of " + protocol, t, transport, protocol);
        }
        startReading.run();
        Future<Void> w = waiter;
        waiter = null;
        if (w != null && !w.done()) {
            w.setResult(null);
        }
    }

    void addInterest(int op) {
        setInterest(interest | op);
    }

    void removeInterest(int op) {
        setInterest(interest & ~op);
    }

    void setInterest(int next) {
        if (next != interest && !lost) {
            interest = next;
            registration.interest(next);
        }
    }

    /**
     * asyncio's {@code _SelectorTransport.close}: stop reading; when nothing is left to
     * send, schedule {@code connectionLost(null)} now (else the writer does it once the
     * buffer is flushed).
     */
    void close(boolean nothingBuffered, Runnable connectionLost) {
        if (closing) {
            return;
        }
        closing = true;
        removeInterest(ReadinessBackend.READ);
        if (nothingBuffered) {
            connLost++;
            removeInterest(ReadinessBackend.WRITE);
            loop.callSoon(connectionLost, context);
        }
    }

    /** A write after the connection was lost: ignored, with asyncio's warning from the fifth on. */
    void ignoreWriteAfterLoss(ByteBuffer data) {
        data.position(data.limit());
        if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
            LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
        }
        connLost++;
    }

    /**
     * A write to a pipe transport that is closing (flushing before it closes): dropped,
     * with asyncio's warning from the fifth on.
     */
    void warnWriteAfterClose(ByteBuffer data) {
        data.position(data.limit());
        if (++writesAfterClose >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
            LOG.log(System.Logger.Level.WARNING, "pipe closed by peer or os.write(pipe, data) raised exception.");
        }
    }

    /** Calls {@code connectionLost(exc)} once, then releases the socket. Returns false if already done. */
    boolean connectionLost(BaseProtocol<?> protocol, Object transport, Throwable exc) {
        if (lost) {
            return false;
        }
        lost = true;
        try {
            protocol.connectionLost(exc);
        } catch (Throwable t) {
            Failures.reportCallback(loop, "connectionLost() of " + protocol, t, transport, protocol);
        } finally {
            release();
        }
        return true;
    }

    /** Stops watching and closes the socket, without callbacks. */
    void release() {
        lost = true;
        closing = true;
        registration.cancel();
        io.release(key);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket whose peer is gone may fail; it is closed either way
        }
    }

    boolean polling(int op) {
        return (interest & op) != 0;
    }

    /**
     * asyncio's {@code _force_close} after the buffer was dropped: stop reading, count the
     * loss, and schedule {@code connectionLost(exc)}.
     */
    void forceClose(Throwable exc, java.util.function.Consumer<Throwable> connectionLost) {
        if (!closing) {
            closing = true;
            removeInterest(ReadinessBackend.READ);
        }
        connLost++;
        loop.callSoon(() -> connectionLost.accept(exc), context);
    }

    /** " closed" / " closing" / nothing, for a transport's {@code toString}. */
    void describeState(StringBuilder sb) {
        if (lost) {
            sb.append(" closed");
        } else if (closing) {
            sb.append(" closing");
        }
    }

    /** The polling state of both directions and the buffered byte count, for {@code toString}. */
    void describePolling(StringBuilder sb, long buffered) {
        if (!lost) {
            sb.append(" read=").append(polling(ReadinessBackend.READ) ? "polling" : "idle");
            sb.append(" write=<").append(polling(ReadinessBackend.WRITE) ? "polling" : "idle")
                    .append(", bufsize=").append(buffered).append('>');
        }
    }
}
