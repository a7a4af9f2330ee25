package org.jasyncio.internal.transport;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.List;

import org.jasyncio.context.Context;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WriteBufferLimits;

/**
 * The write end of a pipe (or a FIFO, a socket, a tty) as a transport: asyncio's
 * {@code _UnixWritePipeTransport}. Writing is the shared {@link WriteSide} (never blocks,
 * never loses bytes, flow control); what differs from a socket:
 * <ul>
 *   <li>{@code writeEof} closes the pipe once the buffer is flushed (a pipe has no
 *       half-close), and {@code close} is {@code writeEof}.</li>
 *   <li>The reader's end closing is noticed even while nothing is written: over a
 *       descriptor that is a FIFO or a socket, the transport also watches for READ
 *       readiness, which the kernel reports on the write end when the other end is gone
 *       (asyncio's trick); with bytes still buffered that is a {@link BrokenPipeException}.
 *       A JDK {@code Pipe.SinkChannel} cannot be watched for reading: there the loss shows
 *       on the next write.</li>
 *   <li>Writes after close are dropped with asyncio's warning, not refused.</li>
 * </ul>
 * It is a {@link Transport} so that any protocol can be connected to it; the reading
 * controls refuse with {@link UnsupportedOperationException}: a write pipe has no
 * reading end. Loop thread only.
 */
public final class PipeWriteTransport implements Transport, TransportCore.Handler, LoopResource,
        WriteSide.Owner, SendfileTarget {
    private final IoContext io;
    private final TransportCore core;
    private final WriteSide writer;
    private final Object pipe;
    private final boolean watchPeer;
    private BaseProtocol<?> protocol;

    private PipeWriteTransport(IoContext io, StreamEndpoint endpoint, boolean watchPeer, BaseProtocol<?> protocol,
            Future<Void> waiter, Context context) {
        this.io = io;
        this.pipe = endpoint.handle();
        this.watchPeer = watchPeer;
        this.protocol = protocol;
        this.core = new TransportCore(io, endpoint, context, this, this, waiter);
        this.writer = new WriteSide(io, endpoint, core, this, "pipe");
        io.loop().callSoon(this::start, context);
    }

    /** Over a JDK pipe's sink channel; the transport closes it when it closes. */
    public static PipeWriteTransport over(IoContext io, Pipe.SinkChannel channel, BaseProtocol<?> protocol,
            Future<Void> waiter, Context context) {
        return new PipeWriteTransport(io, new ChannelEndpoint(channel), false, protocol, waiter, context);
    }

    /**
     * Over a non-blocking descriptor the transport now owns (FFM backends).
     *
     * @param watchPeer whether the descriptor is a FIFO or a socket, whose write end reports
     *                  the reader's close as READ readiness
     */
    public static PipeWriteTransport overDescriptor(IoContext io, int fd, boolean watchPeer, BaseProtocol<?> protocol,
            Future<Void> waiter, Context context) {
        return new PipeWriteTransport(io, new FdEndpoint(fd, false, fd, io.scratch()), watchPeer, protocol, waiter,
                context);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void start() {
        core.start((BaseProtocol) protocol, this, () -> {
            if (watchPeer && !core.closing) {
                core.addInterest(ReadinessBackend.READ);
            }
        });
    }

    /** READ readiness on a write end: the reader closed its end. */
    @Override
    public void readReady() {
        if (core.connLost != 0) {
            return;
        }
        if (writer.isEmpty()) {
            forceClose(null);
        } else {
            forceClose(new BrokenPipeException("the reading end of the pipe was closed"));
        }
    }

    @Override
    public void writeReady() {
        writer.writeReady();
    }

    @Override
    public void drained() {
        if (core.closing) {
            core.removeInterest(ReadinessBackend.READ);
            core.connLost++;
            callConnectionLost(null);
        }
    }

    @Override
    public void write(ByteBuffer data) {
        io.checkThread("write");
        if (core.closing && core.connLost == 0) {
            core.warnWriteAfterClose(data);
            return;
        }
        writer.write(data);
    }

    @Override
    public void writelines(List<ByteBuffer> data) {
        io.checkThread("writelines");
        if (core.closing && core.connLost == 0) {
            data.forEach(core::warnWriteAfterClose);
            return;
        }
        writer.writelines(data);
    }

    /** No half-close on a pipe: flush what is buffered, then close. */
    @Override
    public void writeEof() {
        io.checkThread("writeEof");
        if (core.closing) {
            return;
        }
        core.closing = true;
        if (writer.isEmpty()) {
            core.removeInterest(ReadinessBackend.READ);
            core.connLost++;
            io.loop().callSoon(() -> callConnectionLost(null), core.context);
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void close() {
        writeEof();
    }

    @Override
    public void abort() {
        io.checkThread("abort");
        forceClose(null);
    }

    @Override
    public void fatalError(Throwable exc, String message) {
        PipeErrors.report(io.loop(), this, protocol, exc, message);
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
        core.connectionLost(protocol, this, exc);
    }

    // ------------------------------------------------------------------ sendfile (TransportSendfile)

    @Override
    public WriteSide writeSide() {
        return writer;
    }

    /** A JDK pipe takes {@code transferTo} directly; over a raw descriptor only the fallback applies. */
    @Override
    public java.nio.channels.WritableByteChannel sendfileChannel() {
        return pipe instanceof Pipe.SinkChannel c ? c : null;
    }

    @Override
    public void closeOnLoopClose() {
        core.connLost++;
        core.release();
        writer.discard();
    }

    // ------------------------------------------------------------------ no reading end

    @Override
    public boolean isReading() {
        return false;
    }

    @Override
    public void pauseReading() {
        throw writeOnly("pauseReading");
    }

    @Override
    public void resumeReading() {
        throw writeOnly("resumeReading");
    }

    private UnsupportedOperationException writeOnly(String operation) {
        return new UnsupportedOperationException(operation + "() on " + this
                + ": a write pipe transport has no reading end; connect the other end with loop.connectReadPipe(...)");
    }

    @Override
    public boolean isClosing() {
        return core.closing;
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

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        io.checkThread("setProtocol");
        if (protocol == null) {
            throw new IllegalArgumentException("protocol must not be null");
        }
        this.protocol = protocol;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public BaseProtocol<?> protocol() {
        return protocol;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return PipeReadTransport.PIPE.equals(name) ? pipe : defaultValue;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<PipeWriteTransport");
        core.describeState(sb);
        sb.append(" pipe=").append(pipe);
        core.describePolling(sb, writer.size());
        return sb.append('>').toString();
    }
}
