package org.jasyncio.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.WritableByteChannel;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.ConnectionException;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.SendfileNotAvailableException;
import org.jasyncio.transport.ReadTransport;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WriteTransport;

/**
 * {@code loop.sendfile(transport, file, offset, count, fallback)}: asyncio's
 * {@code sendfile} with its two paths.
 *
 * <ul>
 *   <li><b>Native</b> (a selector stream transport over a channel): the transport's reading
 *       is paused, its write buffer is let drain, then {@link FileChannel#transferTo}
 *       ({@code sendfile(2)} on Linux: zero copy) moves the bytes straight from the file to
 *       the socket, as far as the socket takes them, again on every write readiness of the
 *       transport; then reading resumes. While it runs, {@code transport.write()} is refused
 *       (asyncio's "sendfile is in progress"), since bytes written meanwhile would land in
 *       the middle of the file's.</li>
 *   <li><b>Fallback</b>: the file is read in 16 KiB chunks (in the default executor, as
 *       asyncio: a file read may block) and written through the transport, waiting for the
 *       transport to resume writing whenever it paused: the transport's protocol is swapped
 *       for one that tracks pause/resume, and restored after.</li>
 * </ul>
 *
 * <p>The file position ends at {@code offset} plus the bytes sent whenever something was
 * sent, on success and on error, as asyncio. Unlike asyncio's fallback, which reads from
 * the file's current position when {@code offset} is 0, both paths read from
 * {@code offset} (positional reads): the two paths send the same bytes.
 *
 * <p>Loop thread, inside a task (the caller checks).
 */
public final class TransportSendfile {
    /** asyncio's {@code SENDFILE_FALLBACK_READBUFFER_SIZE}. */
    static final int FALLBACK_BLOCK = 16 * 1024;

    private TransportSendfile() {
    }

    /** {@code loop.sendfile}. Awaiting. */
    public static long send(EventLoop loop, WriteTransport transport, FileChannel file, long offset, Long count,
            boolean fallback) {
        Awaiting.require(loop, "sendfile");
        if (transport.isClosing()) {
            throw new IllegalStateException("Transport is closing: " + transport);
        }
        checkArguments(offset, count);
        if (!(transport instanceof SendfileTarget t)) {
            throw new UnsupportedOperationException("sendfile is not supported for transport " + transport
                    + " (only the loop's own stream transports can send files); write the file's bytes with "
                    + "transport.write() instead");
        }
        return send(loop, t, t.sendfileChannel(), file, offset, count, fallback);
    }

    /** {@link #send} with the native target chosen ({@code null}: none, only the fallback). */
    static long send(EventLoop loop, SendfileTarget t, WritableByteChannel target, FileChannel file,
            long offset, Long count, boolean fallback) {
        if (target != null) {
            return sendNative(loop, t, target, file, offset, count);
        }
        if (!fallback) {
            throw new SendfileNotAvailableException("fallback is disabled and native sendfile is not supported for "
                    + "transport " + t);
        }
        return sendFallback(loop, t, file, offset, count);
    }

    /** asyncio's {@code _check_sendfile_params} (the part that applies to a typed API). */
    public static void checkArguments(long offset, Long count) {
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
    }

    // ================================================================== native

    /**
     * The native path's state, driven by the transport's write readiness (the transport
     * calls {@link #writable()} while it is installed as the transport's {@code sendfile}).
     */
    static final class Transfer {
        private final WriteSide side;
        private final WritableByteChannel target;
        private final FileChannel file;
        private final long end;
        private final Future<Long> done;
        private long position;
        private long sent;

        Transfer(EventLoop loop, WriteSide side, WritableByteChannel target, FileChannel file, long offset,
                long end) {
            this.side = side;
            this.target = target;
            this.file = file;
            this.position = offset;
            this.end = end;
            this.done = loop.createFuture();
        }

        /** The socket may take more (and the transport's own buffer is empty): transfer what it takes. */
        void writable() {
            if (done.done()) {
                return;
            }
            try {
                while (position < end) {
                    long n = file.transferTo(position, end - position, target);
                    if (n == 0) {
                        if (position >= file.size()) {
                            break;   // the file shrank meanwhile: what it had is sent
                        }
                        side.watchWritable(true);
                        return;
                    }
                    position += n;
                    sent += n;
                }
            } catch (IOException e) {
                side.watchWritable(false);
                done.setException(NetErrors.map(e));
                return;
            } catch (NonReadableChannelException e) {
                side.watchWritable(false);
                done.setException(new IllegalArgumentException("the file must be open for reading", e));
                return;
            }
            side.watchWritable(false);
            done.setResult(sent);
        }

        /** The connection was lost before the transfer finished. */
        void lost(Throwable exc) {
            if (!done.done()) {
                done.setException(exc != null ? exc : new ConnectionException("Connection is closed by peer"));
            }
        }
    }

    private static long sendNative(EventLoop loop, SendfileTarget t, WritableByteChannel target, FileChannel file,
            long offset, Long count) {
        long end;
        try {
            long size = file.size();
            end = count == null ? size : Math.min(size, offset + count);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        if (offset >= end) {
            return 0;
        }
        ReadTransport reading = t instanceof ReadTransport r ? r : null;
        boolean resumeReading = reading != null && reading.isReading();
        if (resumeReading) {
            reading.pauseReading();
        }
        WriteSide side = t.writeSide();
        Transfer transfer = new Transfer(loop, side, target, file, offset, end);
        side.sendfile = transfer;
        try {
            if (t.getWriteBufferSize() == 0) {
                transfer.writable();
            }
            // else: the transport flushes its buffer first and then calls transfer.writable()
            return transfer.done.await();
        } finally {
            side.sendfile = null;
            side.watchWritable(false);
            if (transfer.sent > 0) {
                setPosition(file, offset + transfer.sent);
            }
            if (resumeReading) {
                reading.resumeReading();
            }
        }
    }

    private static void setPosition(FileChannel file, long position) {
        try {
            file.position(position);
        } catch (IOException ignored) {
            // the file was closed meanwhile: nothing to update
        }
    }

    // ================================================================== fallback

    /** The read-and-write path. Awaiting. */
    static long sendFallback(EventLoop loop, SendfileTarget t, FileChannel file, long offset, Long count) {
        int blocksize = count != null ? (int) Math.min(count, FALLBACK_BLOCK) : FALLBACK_BLOCK;
        ByteBuffer buf = ByteBuffer.allocate(blocksize);
        long total = 0;
        FallbackProtocol proto = new FallbackProtocol(loop, t);
        try {
            while (true) {
                int size = blocksize;
                if (count != null) {
                    size = (int) Math.min(count - total, blocksize);
                    if (size <= 0) {
                        return total;
                    }
                }
                buf.clear().limit(size);
                long at = offset + total;
                int read = loop.runInExecutor(null, () -> file.read(buf, at)).await();
                if (read <= 0) {
                    return total;
                }
                proto.drain();
                buf.flip();
                t.write(buf);
                total += read;
            }
        } finally {
            if (total > 0) {
                setPosition(file, offset + total);
            }
            proto.restore();
        }
    }

    /**
     * Stands in for the transport's protocol during a fallback (asyncio's
     * {@code _SendfileFallbackProtocol}): tracks write pause/resume for the copy loop and
     * passes {@code connectionLost} on to the real protocol.
     */
    static final class FallbackProtocol implements Protocol {
        private final EventLoop loop;
        private final SendfileTarget transport;
        private final ReadTransport reading;
        private final BaseProtocol<?> original;
        private final boolean shouldResumeReading;
        private final boolean shouldResumeWriting;
        private Future<Void> writeReady;

        FallbackProtocol(EventLoop loop, SendfileTarget transport) {
            this.loop = loop;
            this.transport = transport;
            this.reading = transport instanceof ReadTransport r ? r : null;
            this.original = transport.getProtocol();
            this.shouldResumeReading = reading != null && reading.isReading();
            this.shouldResumeWriting = transport.writeSide().protocolPaused();
            if (shouldResumeReading) {
                reading.pauseReading();
            }
            transport.setProtocol(this);
            this.writeReady = shouldResumeWriting ? loop.createFuture() : null;
        }

        void drain() {
            if (transport.isClosing()) {
                throw new ConnectionException("Connection closed by peer");
            }
            Future<Void> f = writeReady;
            if (f != null) {
                f.await();
            }
        }

        @Override
        public void connectionMade(Transport t) {
            throw new IllegalStateException("Invalid state: connection should have been established already.");
        }

        @Override
        public void connectionLost(Throwable exc) {
            Future<Void> f = writeReady;
            if (f != null && !f.done()) {
                f.setException(exc != null ? exc : new ConnectionException("Connection is closed by peer"));
                f.exception();   // drain() re-throws it; nobody else has to retrieve it
            }
            original.connectionLost(exc);
        }

        @Override
        public void pauseWriting() {
            if (writeReady == null) {
                writeReady = loop.createFuture();
            }
        }

        @Override
        public void resumeWriting() {
            Future<Void> f = writeReady;
            if (f != null) {
                writeReady = null;
                if (!f.done()) {
                    f.setResult(null);
                }
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            throw new IllegalStateException("Invalid state: reading should be paused");
        }

        @Override
        public boolean eofReceived() {
            throw new IllegalStateException("Invalid state: reading should be paused");
        }

        void restore() {
            BaseProtocol<?> current = transport.getProtocol();
            if (current == this) {
                transport.setProtocol(original);
            }
            if (shouldResumeReading) {
                reading.resumeReading();
            }
            Future<Void> f = writeReady;
            if (f != null) {
                f.cancel();
            }
            if (shouldResumeWriting) {
                original.resumeWriting();
            }
        }
    }
}
