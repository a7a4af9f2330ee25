package org.jasyncio.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;

import org.jasyncio.context.Context;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.net.NetworkException;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.BufferedProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.StreamProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WriteBufferLimits;

/**
 * A TCP (or any stream socket) transport over a non-blocking {@link SocketChannel}:
 * asyncio's {@code _SelectorSocketTransport}, with the same life cycle.
 *
 * <ol>
 *   <li>Created: TCP_NODELAY is set, the channel is registered with no interest, and one
 *       callback is scheduled that calls {@code connectionMade}, then starts reading (unless
 *       the protocol paused reading or closed), then completes the creator's waiter.</li>
 *   <li>Reading: one read per readiness event into the loop's read buffer (a
 *       {@link Protocol}) or into the protocol's buffer (a {@link BufferedProtocol}). End of
 *       stream calls {@code eofReceived}; unless it returns {@code true}, the transport
 *       closes.</li>
 *   <li>Writing: see {@link #write}. WRITE interest is on only while the buffer is not empty.</li>
 *   <li>Closing: {@link #close} stops reading and, once the buffer is flushed, schedules
 *       {@code connectionLost(null)}; {@link #abort} and fatal errors drop the buffer and
 *       schedule {@code connectionLost(exc)}. Then the socket is closed and the server told.</li>
 * </ol>
 *
 * <p>Errors from the socket ({@link NetworkException}) close the connection quietly (logged
 * in debug mode) and reach the protocol through {@code connectionLost}; anything else a
 * protocol callback throws is also reported to the loop's exception handler, as asyncio's
 * {@code _fatal_error} does.
 */
public final class SelectorSocketTransport implements Transport, TransportCore.Handler, LoopResource {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");

    private final IoContext io;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final TransportCore core;
    private final SocketAddress sockname;
    private final SocketAddress peername;
    private final Map<String, Object> extra;
    private final WriteBuffer buffer = new WriteBuffer();
    private final FlowControl flow = new FlowControl();
    private StreamProtocol protocol;
    private BufferedProtocol buffered;
    private TransportOwner server;
    private boolean started;
    private boolean paused;
    private boolean eof;

    /**
     * Wraps {@code channel} (connected, non-blocking) for {@code protocol}. Loop thread.
     *
     * @param waiter  completed once {@code connectionMade} has run (may be {@code null})
     * @param extra   more extra info, e.g. the peer name an accept already returned (may be {@code null})
     * @param server  the server that accepted the connection (may be {@code null})
     * @param context the context protocol callbacks run in
     */
    public SelectorSocketTransport(IoContext io, SocketChannel channel, StreamProtocol protocol, Future<Void> waiter,
            Map<String, Object> extra, TransportOwner server, Context context) {
        this.io = io;
        this.loop = io.loop();
        this.channel = channel;
        this.extra = extra;
        setProtocolInternal(protocol);
        this.sockname = localAddress(channel);
        Object knownPeer = extra == null ? null : extra.get(PEERNAME);
        this.peername = knownPeer instanceof SocketAddress a ? a : remoteAddress(channel);
        if (sockname instanceof InetSocketAddress) {
            // Nagle off: small writes leave at once instead of waiting for the peer's ACK.
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // not a TCP socket after all; nothing to tune
            }
        }
        this.core = new TransportCore(io, channel, context, this, this, waiter);
        this.server = server;
        if (server != null) {
            server.attach(this);
        }
        loop.callSoon(this::start, context);
    }

    private static SocketAddress localAddress(SocketChannel ch) {
        try {
            return ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static SocketAddress remoteAddress(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private void start() {
        started = true;
        core.start(protocol, this, () -> {
            if (isReading()) {
                core.addInterest(ReadinessBackend.READ);
            }
        });
    }

    // ================================================================== readiness

    @Override
    public void readReady() {
        if (core.connLost != 0) {
            return;
        }
        if (buffered != null) {
            readIntoProtocolBuffer();
        } else {
            readIntoLoopBuffer();
        }
    }

    private void readIntoLoopBuffer() {
        int n = readInto(io.readBuffer());
        if (n <= 0) {
            return;
        }
        try {
            ((Protocol) protocol).dataReceived(io.readView(n));
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            fatalError(t, "Fatal error: protocol.data_received() call failed.");
        }
    }

    private void readIntoProtocolBuffer() {
        BufferedProtocol p = buffered;
        ByteBuffer buf;
        try {
            buf = p.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new IllegalStateException("getBuffer() returned an empty buffer");
            }
            if (buf.isReadOnly()) {
                throw new IllegalStateException("getBuffer() returned a read-only buffer");
            }
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            fatalError(t, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        int n = readInto(buf);
        if (n <= 0) {
            return;
        }
        try {
            p.bufferUpdated(n);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            fatalError(t, "Fatal error: protocol.buffer_updated() call failed.");
        }
    }

    /** One read; end of stream and errors are handled here and reported as 0. */
    private int readInto(ByteBuffer buf) {
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(NetErrors.map(e), "Fatal read error on socket transport");
            return 0;
        }
        if (n < 0) {
            onEof();
            return 0;
        }
        return n;
    }

    private void onEof() {
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " received EOF");
        }
        boolean keepOpen;
        try {
            keepOpen = protocol.eofReceived();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            fatalError(t, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen) {
            // The protocol may still write, but nothing more can be read: stop watching
            // (a socket at end of stream is readable forever).
            core.removeInterest(ReadinessBackend.READ);
        } else {
            close();
        }
    }

    @Override
    public void writeReady() {
        if (core.connLost != 0) {
            return;
        }
        if (sendfile != null && buffer.isEmpty()) {
            sendfile.writable();
            return;
        }
        try {
            buffer.flush(channel, io.iov(), io.chunks());
        } catch (IOException e) {
            core.removeInterest(ReadinessBackend.WRITE);
            buffer.clear(io.chunks());
            fatalError(NetErrors.map(e), "Fatal write error on socket transport");
            return;
        }
        flow.maybeResume(buffer.size(), protocol, loop, this);
        if (buffer.isEmpty()) {
            core.removeInterest(ReadinessBackend.WRITE);
            if (core.closing) {
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            } else if (sendfile != null) {
                sendfile.writable();
            }
        }
    }

    // ================================================================== writing

    /**
     * Tries the socket first when nothing is buffered; whatever it does not take is copied
     * into the write buffer and WRITE interest is turned on. When something is buffered
     * already, the data goes behind it (order is kept). May call {@code pauseWriting()}.
     */
    @Override
    public void write(ByteBuffer data) {
        io.checkThread("write");
        refuseDuringSendfile();
        if (eof) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (core.connLost != 0) {
            core.ignoreWriteAfterLoss(data);
            return;
        }
        if (buffer.isEmpty()) {
            try {
                WriteBuffer.writeDirectly(channel, data);
            } catch (IOException e) {
                data.position(data.limit());
                fatalError(NetErrors.map(e), "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            core.addInterest(ReadinessBackend.WRITE);
        }
        buffer.append(data, io.chunks());
        flow.maybePause(buffer.size(), protocol, loop, this);
    }

    @Override
    public void writelines(List<ByteBuffer> data) {
        io.checkThread("writelines");
        refuseDuringSendfile();
        if (eof) {
            throw new IllegalStateException("Cannot call writelines() after writeEof()");
        }
        if (data.isEmpty()) {
            return;
        }
        if (core.connLost != 0) {
            for (ByteBuffer b : data) {
                core.ignoreWriteAfterLoss(b);
            }
            return;
        }
        int i = 0;
        if (buffer.isEmpty()) {
            ByteBuffer[] all = data.toArray(ByteBuffer[]::new);
            try {
                channel.write(all);
            } catch (IOException e) {
                for (ByteBuffer b : all) {
                    b.position(b.limit());
                }
                fatalError(NetErrors.map(e), "Fatal write error on socket transport");
                return;
            }
            while (i < all.length && !all[i].hasRemaining()) {
                i++;
            }
            if (i == all.length) {
                return;
            }
            core.addInterest(ReadinessBackend.WRITE);
        }
        for (; i < data.size(); i++) {
            buffer.append(data.get(i), io.chunks());
        }
        flow.maybePause(buffer.size(), protocol, loop, this);
    }

    @Override
    public void writeEof() {
        io.checkThread("writeEof");
        if (core.closing || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw NetErrors.map(e, "shutdown(SHUT_WR) failed");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public long getWriteBufferSize() {
        return buffer.size();
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        io.checkThread("setWriteBufferLimits");
        flow.setLimits(WriteBufferLimits.of(high, low));
        flow.maybePause(buffer.size(), protocol, loop, this);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return flow.limits();
    }

    // ================================================================== reading control

    @Override
    public boolean isReading() {
        return !core.closing && !paused;
    }

    @Override
    public void pauseReading() {
        io.checkThread("pauseReading");
        if (!isReading()) {
            return;
        }
        paused = true;
        core.removeInterest(ReadinessBackend.READ);
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " pauses reading");
        }
    }

    @Override
    public void resumeReading() {
        io.checkThread("resumeReading");
        if (core.closing || !paused) {
            return;
        }
        paused = false;
        if (started) {
            core.addInterest(ReadinessBackend.READ);
        }
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " resumes reading");
        }
    }

    // ================================================================== closing

    @Override
    public boolean isClosing() {
        return core.closing;
    }

    @Override
    public void close() {
        io.checkThread("close");
        core.close(buffer.isEmpty(), () -> callConnectionLost(null));
    }

    @Override
    public void abort() {
        io.checkThread("abort");
        forceClose(null);
    }

    /** A fatal error: reports it unless it is a socket error, then force-closes with it. */
    private void fatalError(Throwable exc, String message) {
        if (exc instanceof NetworkException) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
            }
        } else {
            loop.callExceptionHandler(ExceptionContext.of(message, exc)
                    .with(ExceptionContext.TRANSPORT, this).with(ExceptionContext.PROTOCOL, protocol));
        }
        forceClose(exc);
    }

    private void forceClose(Throwable exc) {
        if (core.connLost != 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear(io.chunks());
            core.removeInterest(ReadinessBackend.WRITE);
        }
        if (!core.closing) {
            core.closing = true;
            core.removeInterest(ReadinessBackend.READ);
        }
        core.connLost++;
        loop.callSoon(() -> callConnectionLost(exc), core.context);
    }

    private void callConnectionLost(Throwable exc) {
        buffer.clear(io.chunks());
        if (sendfile != null) {
            sendfile.lost(exc);
        }
        if (!core.connectionLost(protocol, this, exc)) {
            return;
        }
        TransportOwner s = server;
        server = null;
        if (s != null) {
            s.detach(this);
        }
    }

    @Override
    public void closeOnLoopClose() {
        core.connLost++;
        core.release();
        buffer.clear(io.chunks());
    }

    // ================================================================== sendfile hook (TransportSendfile)

    /**
     * The native sendfile in progress, or {@code null}. While set, writes are refused and,
     * once the write buffer is empty, write readiness drives the transfer.
     */
    TransportSendfile.Transfer sendfile;

    private void refuseDuringSendfile() {
        if (sendfile != null) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
    }

    /** Where {@code FileChannel.transferTo} can send straight to, or {@code null} (then only the fallback). */
    java.nio.channels.WritableByteChannel sendfileTarget() {
        return channel;
    }

    /** Whether the protocol was told to pause writing and not yet to resume. */
    boolean protocolPaused() {
        return flow.isPaused();
    }

    /** Turns write-readiness watching on, or off unless buffered bytes still need it. */
    void watchWritable(boolean on) {
        if (on) {
            core.addInterest(ReadinessBackend.WRITE);
        } else if (buffer.isEmpty()) {
            core.removeInterest(ReadinessBackend.WRITE);
        }
    }

    // ================================================================== protocol and extra info

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        io.checkThread("setProtocol");
        setProtocolInternal(protocol);
    }

    private void setProtocolInternal(BaseProtocol<?> p) {
        if (!(p instanceof StreamProtocol stream)) {
            throw new IllegalArgumentException("a socket transport needs a Protocol or a BufferedProtocol, not "
                    + (p == null ? "null" : p.getClass().getName()));
        }
        this.protocol = stream;
        this.buffered = stream instanceof BufferedProtocol b ? b : null;
    }

    @Override
    public StreamProtocol protocol() {
        return protocol;
    }

    @Override
    public StreamProtocol getProtocol() {
        return protocol;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return switch (name) {
            case PEERNAME -> peername;
            case SOCKNAME -> sockname;
            case SOCKET -> channel;
            default -> extra != null && extra.containsKey(name) ? extra.get(name) : defaultValue;
        };
    }

    /** The channel (for the loop's own checks). */
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SelectorSocketTransport");
        if (core.lost) {
            sb.append(" closed");
        } else if (core.closing) {
            sb.append(" closing");
        }
        sb.append(" local=").append(sockname).append(" peer=").append(peername);
        if (!core.lost) {
            sb.append(" read=").append(core.polling(ReadinessBackend.READ) ? "polling" : "idle");
            sb.append(" write=<").append(core.polling(ReadinessBackend.WRITE) ? "polling" : "idle")
                    .append(", bufsize=").append(buffer.size()).append('>');
        }
        return sb.append('>').toString();
    }
}
