package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.WriteBufferLimits;

/**
 * The writing half of a stream transport, shared by the socket transport and the write
 * pipe transport: writes that never block and never lose bytes, with asyncio's flow
 * control.
 *
 * <p>A write is tried on the endpoint first when nothing is buffered; whatever it does
 * not take is copied into the {@link WriteBuffer} and WRITE interest goes on until the
 * buffer drains (order is kept: with bytes buffered, new data goes behind them). Above
 * the high-water mark the protocol's {@code pauseWriting} runs, below the low one
 * {@code resumeWriting}. When the buffer drains the owner hears of it, to finish a close
 * or a write-EOF. Loop thread only.
 */
final class WriteSide {

    /** The transport side: failures, and what a drained buffer completes. */
    interface Owner {
        void fatalError(Throwable exc, String message);

        /** The buffer just became empty (after having held bytes). */
        void drained();

        BaseProtocol<?> protocol();
    }

    private final IoContext io;
    private final EventLoop loop;
    private final StreamEndpoint endpoint;
    private final TransportCore core;
    private final Owner owner;
    private final String errorMessage;
    private final WriteBuffer buffer = new WriteBuffer();
    private final FlowControl flow = new FlowControl();
    private boolean eof;

    /** @param kind "socket" or "pipe", for the error messages asyncio prints */
    WriteSide(IoContext io, StreamEndpoint endpoint, TransportCore core, Owner owner, String kind) {
        this.io = io;
        this.loop = io.loop();
        this.endpoint = endpoint;
        this.core = core;
        this.owner = owner;
        this.errorMessage = "Fatal write error on " + kind + " transport";
    }

    void write(ByteBuffer data) {
        checkNotEof("write");
        refuseDuringSendfile();
        if (!data.hasRemaining()) {
            return;
        }
        if (core.connLost != 0) {
            core.ignoreWriteAfterLoss(data);
            return;
        }
        if (buffer.isEmpty()) {
            try {
                WriteBuffer.writeDirectly(endpoint, data);
            } catch (IOException e) {
                data.position(data.limit());
                owner.fatalError(NetErrors.map(e), errorMessage);
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            core.addInterest(ReadinessBackend.WRITE);
        }
        buffer.append(data, io.chunks());
        flow.maybePause(buffer.size(), owner.protocol(), loop, owner);
    }

    void writelines(List<ByteBuffer> data) {
        checkNotEof("writelines");
        refuseDuringSendfile();
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
                endpoint.write(all);
            } catch (IOException e) {
                for (ByteBuffer b : all) {
                    b.position(b.limit());
                }
                owner.fatalError(NetErrors.map(e), errorMessage);
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
        flow.maybePause(buffer.size(), owner.protocol(), loop, owner);
    }

    private void checkNotEof(String operation) {
        if (eof) {
            throw new IllegalStateException("Cannot call " + operation + "() after writeEof()");
        }
    }

    void writeReady() {
        if (core.connLost != 0) {
            return;
        }
        if (sendfile != null && buffer.isEmpty()) {
            sendfile.writable();
            return;
        }
        try {
            buffer.flush(endpoint, io.iov(), io.chunks());
        } catch (IOException e) {
            core.removeInterest(ReadinessBackend.WRITE);
            buffer.clear(io.chunks());
            owner.fatalError(NetErrors.map(e), errorMessage);
            return;
        }
        flow.maybeResume(buffer.size(), owner.protocol(), loop, owner);
        if (buffer.isEmpty()) {
            core.removeInterest(ReadinessBackend.WRITE);
            owner.drained();
            if (sendfile != null && !core.closing) {
                sendfile.writable();
            }
        }
    }

    /** Marks the end of writing; returns true when nothing is buffered (the owner may finish now). */
    boolean markEof() {
        eof = true;
        return buffer.isEmpty();
    }

    boolean eof() {
        return eof;
    }

    boolean isEmpty() {
        return buffer.isEmpty();
    }

    long size() {
        return buffer.size();
    }

    /** Drops what is buffered (abort, fatal error, loss) and stops watching for writability. */
    void discard() {
        if (!buffer.isEmpty()) {
            buffer.clear(io.chunks());
            core.removeInterest(ReadinessBackend.WRITE);
        }
    }

    // ---------------------------------------------------------------- sendfile hook (TransportSendfile)

    /**
     * The native sendfile in progress, or {@code null}. While set, writes are refused and,
     * once the buffer is empty, write readiness drives the transfer.
     */
    TransportSendfile.Transfer sendfile;

    private void refuseDuringSendfile() {
        if (sendfile != null) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
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

    /** The connection is lost: a transfer in progress fails. */
    void sendfileLost(Throwable exc) {
        if (sendfile != null) {
            sendfile.lost(exc);
        }
    }

    void setLimits(Integer high, Integer low) {
        flow.setLimits(WriteBufferLimits.of(high, low));
        flow.maybePause(buffer.size(), owner.protocol(), loop, owner);
    }

    WriteBufferLimits limits() {
        return flow.limits();
    }
}
