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
 * A TCP (or any stream socket) transport over a {@link StreamEndpoint}: a non-blocking
 * {@link SocketChannel}, or a raw socket descriptor on the FFM backends. asyncio's
 * {@code _SelectorSocketTransport}, with the same life cycle; its reading and writing
 * halves are the {@link ReadSide} and {@link WriteSide} components the pipe transports
 * share.
 *
 * <ol>
 *   <li>Created: TCP_NODELAY is set, the channel is registered with no interest, and one
 *       callback is scheduled that calls {@code connectionMade}, then starts reading (unless
 *       the protocol paused reading or closed), then completes the creator's waiter.</li>
 *   <li>Reading: one read per readiness event into the loop's read buffer (a
 *       {@link Protocol}) or into the protocol's buffer (a {@link BufferedProtocol}). End of
 *       stream calls {@code eofReceived}; unless it returns {@code true}, the transport
 *       closes.</li>
 *   <li>Writing: see {@link WriteSide}. WRITE interest is on only while the buffer is not empty.</li>
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
public final class SelectorSocketTransport
        implements Transport, TransportCore.Handler, LoopResource, ReadSide.Owner, WriteSide.Owner, SendfileTarget {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");

    private final IoContext io;
    private final EventLoop loop;
    private final StreamEndpoint endpoint;
    private final TransportCore core;
    private final ReadSide reader;
    private final WriteSide writer;
    private final SocketAddress sockname;
    private final SocketAddress peername;
    private final Map<String, Object> extra;
    private StreamProtocol protocol;
    private TransportOwner server;

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
        this(io, ChannelEndpoint.forSocket(channel, io.backend()), protocol, waiter, extra, localAddress(channel),
                extra != null && extra.get(PEERNAME) instanceof SocketAddress a ? a : remoteAddress(channel), server,
                context);
    }

    /**
     * A transport over a connected, non-blocking socket descriptor the JDK did not open
     * (FFM backends only); it owns {@code fd} from now on. {@code sockname}/{@code peername}
     * are what {@code getExtraInfo} reports; {@code extra} may add more.
     */
    public static SelectorSocketTransport overDescriptor(IoContext io, int fd, StreamProtocol protocol,
            Future<Void> waiter, Map<String, Object> extra, SocketAddress sockname, SocketAddress peername,
            TransportOwner server, Context context) {
        return new SelectorSocketTransport(io, new FdEndpoint(fd, true, fd, io.scratch()), protocol, waiter, extra,
                sockname, peername, server, context);
    }

    private SelectorSocketTransport(IoContext io, StreamEndpoint endpoint, StreamProtocol protocol,
            Future<Void> waiter, Map<String, Object> extra, SocketAddress sockname, SocketAddress peername,
            TransportOwner server, Context context) {
        this.io = io;
        this.loop = io.loop();
        this.endpoint = endpoint;
        this.extra = extra;
        this.sockname = sockname;
        this.peername = peername;
        if (sockname instanceof InetSocketAddress && endpoint.handle() instanceof SocketChannel channel) {
            // Nagle off: small writes leave at once instead of waiting for the peer's ACK.
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // not a TCP socket after all; nothing to tune
            }
        }
        this.core = new TransportCore(io, endpoint, context, this, this, waiter);
        this.reader = new ReadSide(io, endpoint, core, this, "socket");
        this.writer = new WriteSide(io, endpoint, core, this, "socket");
        setProtocolInternal(protocol);
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
        core.start(protocol, this, reader::start);
    }

    // ================================================================== readiness

    @Override
    public void readReady() {
        reader.readReady();
    }

    @Override
    public void writeReady() {
        writer.writeReady();
    }

    @Override
    public void endOfStream() {
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
            reader.stopWatching();
        } else {
            close();
        }
    }

    @Override
    public void drained() {
        if (core.closing) {
            callConnectionLost(null);
        } else if (writer.eof()) {
            shutdownOutput();
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
        writer.write(data);
    }

    @Override
    public void writelines(List<ByteBuffer> data) {
        io.checkThread("writelines");
        writer.writelines(data);
    }

    @Override
    public void writeEof() {
        io.checkThread("writeEof");
        if (core.closing || writer.eof()) {
            return;
        }
        if (writer.markEof()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            endpoint.shutdownOutput();
        } catch (IOException e) {
            throw NetErrors.map(e, "shutdown(SHUT_WR) failed");
        }
    }

    @Override
    public boolean canWriteEof() {
        return endpoint.canShutdownOutput();
    }

    @Override
    public long getWriteBufferSize() {
        return writer.size();
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        io.checkThread("setWriteBufferLimits");
        writer.setLimits(high, low);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return writer.limits();
    }

    // ================================================================== reading control

    @Override
    public boolean isReading() {
        return reader.isReading();
    }

    @Override
    public void pauseReading() {
        io.checkThread("pauseReading");
        if (reader.pause() && loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " pauses reading");
        }
    }

    @Override
    public void resumeReading() {
        io.checkThread("resumeReading");
        if (reader.resume() && loop.getDebug()) {
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
        core.close(writer.isEmpty(), () -> callConnectionLost(null));
    }

    @Override
    public void abort() {
        io.checkThread("abort");
        forceClose(null);
    }

    /** A fatal error: reports it unless it is a socket error, then force-closes with it. */
    @Override
    public void fatalError(Throwable exc, String message) {
        Failures.reportFatal(loop, this, protocol, exc, message);
        forceClose(exc);
    }

    private void forceClose(Throwable exc) {
        if (core.connLost != 0) {
            return;
        }
        writer.discard();
        core.forceClose(exc, this::callConnectionLost);
    }

    private void callConnectionLost(Throwable exc) {
        writer.discard();
        writer.sendfileLost(exc);
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
        writer.discard();
    }

    // ================================================================== protocol and extra info

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        io.checkThread("setProtocol");
        setProtocolInternal(protocol);
    }

    private void setProtocolInternal(BaseProtocol<?> p) {
        this.protocol = reader.setProtocol(p, "socket");
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
            case SOCKET -> endpoint.handle();
            default -> extra != null && extra.containsKey(name) ? extra.get(name) : defaultValue;
        };
    }

    /** The channel, or {@code null} over a raw descriptor (for the loop's own checks). */
    public SocketChannel channel() {
        return endpoint.handle() instanceof SocketChannel c ? c : null;
    }

    // ================================================================== sendfile (TransportSendfile)

    @Override
    public WriteSide writeSide() {
        return writer;
    }

    @Override
    public java.nio.channels.WritableByteChannel sendfileChannel() {
        return channel();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SelectorSocketTransport");
        core.describeState(sb);
        sb.append(" local=").append(sockname).append(" peer=").append(peername);
        core.describePolling(sb, writer.size());
        return sb.append('>').toString();
    }
}
