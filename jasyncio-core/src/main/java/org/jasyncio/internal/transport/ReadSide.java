package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.BufferedProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.StreamProtocol;

/**
 * The reading half of a stream transport, shared by the socket transport and the read
 * pipe transport (asyncio repeats it in {@code _SelectorSocketTransport} and
 * {@code _UnixReadPipeTransport}; here it is one component).
 *
 * <p>One read per readiness event: into the loop's read buffer, handed to a
 * {@link Protocol} as a read-only view, or into the buffer a {@link BufferedProtocol}
 * lends (no copy). End of stream and errors go to the owner, which decides what they
 * mean for it (a socket may stay half-open; a pipe closes). Loop thread only.
 */
final class ReadSide {

    /** The transport side: what end of stream and failures do. */
    interface Owner {
        void endOfStream();

        void fatalError(Throwable exc, String message);
    }

    private final IoContext io;
    private final StreamEndpoint endpoint;
    private final TransportCore core;
    private final Owner owner;
    private final String errorMessage;
    private StreamProtocol protocol;
    private BufferedProtocol buffered;
    private boolean paused;
    private boolean started;

    /** @param kind "socket" or "pipe", for the error messages asyncio prints */
    ReadSide(IoContext io, StreamEndpoint endpoint, TransportCore core, Owner owner, String kind) {
        this.io = io;
        this.endpoint = endpoint;
        this.core = core;
        this.owner = owner;
        this.errorMessage = "Fatal read error on " + kind + " transport";
    }

    /**
     * Takes {@code p} as the protocol data goes to; refuses anything but a stream protocol
     * ({@code kind} names the transport in the message). Returns it, typed.
     */
    StreamProtocol setProtocol(BaseProtocol<?> p, String kind) {
        if (!(p instanceof StreamProtocol stream)) {
            throw new IllegalArgumentException("a " + kind + " transport needs a Protocol or a BufferedProtocol, not "
                    + (p == null ? "null" : p.getClass().getName()));
        }
        this.protocol = stream;
        this.buffered = stream instanceof BufferedProtocol b ? b : null;
        return stream;
    }

    StreamProtocol protocol() {
        return protocol;
    }

    /** After {@code connectionMade}: watch for input unless the protocol paused reading or closed. */
    void start() {
        started = true;
        if (isReading()) {
            core.addInterest(ReadinessBackend.READ);
        }
    }

    void readReady() {
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
            owner.fatalError(t, "Fatal error: protocol.data_received() call failed.");
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
            owner.fatalError(t, "Fatal error: protocol.get_buffer() call failed.");
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
            owner.fatalError(t, "Fatal error: protocol.buffer_updated() call failed.");
        }
    }

    /** One read; end of stream and errors are handed to the owner and reported as 0. */
    private int readInto(ByteBuffer buf) {
        int n;
        try {
            n = endpoint.read(buf);
        } catch (IOException e) {
            owner.fatalError(NetErrors.map(e), errorMessage);
            return 0;
        }
        if (n < 0) {
            owner.endOfStream();
            return 0;
        }
        return n;
    }

    /** End of stream but the transport stays open for writing: stop watching (EOF is readable forever). */
    void stopWatching() {
        core.removeInterest(ReadinessBackend.READ);
    }

    boolean isReading() {
        return !core.closing && !paused;
    }

    /** Returns false when there was nothing to do (already paused or closing). */
    boolean pause() {
        if (!isReading()) {
            return false;
        }
        paused = true;
        core.removeInterest(ReadinessBackend.READ);
        return true;
    }

    /** Returns false when there was nothing to do (not paused, or closing). */
    boolean resume() {
        if (core.closing || !paused) {
            return false;
        }
        paused = false;
        if (started) {
            core.addInterest(ReadinessBackend.READ);
        }
        return true;
    }
}
