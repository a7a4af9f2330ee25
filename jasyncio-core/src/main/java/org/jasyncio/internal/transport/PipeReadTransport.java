package org.jasyncio.internal.transport;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.List;

import org.jasyncio.context.Context;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.StreamProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WriteBufferLimits;

/**
 * The read end of a pipe (or a FIFO, a socket, a tty) as a transport: asyncio's
 * {@code _UnixReadPipeTransport}. Reading is the shared {@link ReadSide}; what differs
 * from a socket is the end: at end of stream the transport always closes, after
 * {@code eofReceived} (a pipe cannot stay half-open), and an I/O error other than EIO
 * (what a pty's master reads once the slave side is closed) is reported to the loop's
 * exception handler. {@code getExtraInfo("pipe")} is the channel or descriptor given.
 *
 * <p>It is a {@link Transport} so that any stream {@code Protocol} can be connected to it
 * (asyncio passes it to {@code connection_made} the same way); the writing methods refuse
 * with {@link UnsupportedOperationException} before touching anything: a read pipe has no
 * writing end. Loop thread only.
 */
public final class PipeReadTransport implements Transport, TransportCore.Handler, LoopResource, ReadSide.Owner {
    /** {@code getExtraInfo} key of the pipe object. */
    public static final String PIPE = "pipe";

    private final IoContext io;
    private final TransportCore core;
    private final ReadSide reader;
    private final Object pipe;
    private StreamProtocol protocol;

    private PipeReadTransport(IoContext io, StreamEndpoint endpoint, StreamProtocol protocol, Future<Void> waiter,
            Context context) {
        this.io = io;
        this.pipe = endpoint.handle();
        this.core = new TransportCore(io, endpoint, context, this, this, waiter);
        this.reader = new ReadSide(io, endpoint, core, this, "pipe");
        setProtocolInternal(protocol);
        io.loop().callSoon(() -> core.start(this.protocol, this, reader::start), context);
    }

    /** Over a JDK pipe's source channel; the transport closes it when it closes. */
    public static PipeReadTransport over(IoContext io, Pipe.SourceChannel channel, StreamProtocol protocol,
            Future<Void> waiter, Context context) {
        return new PipeReadTransport(io, new ChannelEndpoint(channel), protocol, waiter, context);
    }

    /** Over a non-blocking descriptor the transport now owns (FFM backends). */
    public static PipeReadTransport overDescriptor(IoContext io, int fd, StreamProtocol protocol, Future<Void> waiter,
            Context context) {
        return new PipeReadTransport(io, new FdEndpoint(fd, false, fd, io.scratch()), protocol, waiter, context);
    }

    @Override
    public void readReady() {
        reader.readReady();
    }

    @Override
    public void writeReady() {
        // never registered for writing
    }

    /** asyncio: a pipe at end of stream closes after {@code eofReceived}, whatever it returns. */
    @Override
    public void endOfStream() {
        core.closing = true;
        reader.stopWatching();
        core.connLost++;
        io.loop().callSoon(() -> {
            try {
                protocol.eofReceived();
            } catch (Throwable t) {
                Failures.reportCallback(io.loop(), "eofReceived() of " + protocol, t, this, protocol);
            }
        }, core.context);
        io.loop().callSoon(() -> core.connectionLost(protocol, this, null), core.context);
    }

    @Override
    public void fatalError(Throwable exc, String message) {
        PipeErrors.report(io.loop(), this, protocol, exc, message);
        closeWith(exc);
    }

    private void closeWith(Throwable exc) {
        if (core.connLost != 0) {
            return;
        }
        core.forceClose(exc, e -> core.connectionLost(protocol, this, e));
    }

    @Override
    public boolean isReading() {
        return reader.isReading();
    }

    @Override
    public void pauseReading() {
        io.checkThread("pauseReading");
        reader.pause();
    }

    @Override
    public void resumeReading() {
        io.checkThread("resumeReading");
        reader.resume();
    }

    @Override
    public void abort() {
        io.checkThread("abort");
        closeWith(null);
    }

    // ------------------------------------------------------------------ no writing end

    private UnsupportedOperationException readOnly(String operation) {
        return new UnsupportedOperationException(operation + "() on " + this
                + ": a read pipe transport has no writing end; connect the other end with loop.connectWritePipe(...)");
    }

    @Override
    public void write(ByteBuffer data) {
        throw readOnly("write");
    }

    @Override
    public void writelines(List<ByteBuffer> data) {
        throw readOnly("writelines");
    }

    @Override
    public void writeEof() {
        throw readOnly("writeEof");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        throw readOnly("setWriteBufferLimits");
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return WriteBufferLimits.DEFAULT;
    }

    @Override
    public long getWriteBufferSize() {
        return 0;
    }

    @Override
    public boolean isClosing() {
        return core.closing;
    }

    @Override
    public void close() {
        io.checkThread("close");
        if (!core.closing) {
            closeWith(null);
        }
    }

    @Override
    public void closeOnLoopClose() {
        core.connLost++;
        core.release();
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        io.checkThread("setProtocol");
        setProtocolInternal(protocol);
    }

    private void setProtocolInternal(BaseProtocol<?> p) {
        this.protocol = reader.setProtocol(p, "read pipe");
    }

    @Override
    public StreamProtocol getProtocol() {
        return protocol;
    }

    @Override
    public BaseProtocol<?> protocol() {
        return protocol;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return PIPE.equals(name) ? pipe : defaultValue;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<PipeReadTransport");
        core.describeState(sb);
        sb.append(" pipe=").append(pipe);
        core.describePolling(sb, 0);
        return sb.append('>').toString();
    }
}
