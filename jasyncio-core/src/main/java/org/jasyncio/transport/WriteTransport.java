package org.jasyncio.transport;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The writing side of a transport: asyncio's {@code WriteTransport}.
 *
 * <p>Writes never block and never lose bytes: the socket is tried first and what it does
 * not take is buffered and sent when the socket becomes writable. Flow control is the
 * protocol's job, helped by {@link BaseProtocol#pauseWriting()} and
 * {@link BaseProtocol#resumeWriting()} around the water marks
 * ({@link #setWriteBufferLimits}).
 *
 * <p>After the transport is closed or lost, writes are ignored, as in asyncio; from the
 * fifth such write on, each one logs the warning {@code "socket.send() raised exception."}.
 */
public interface WriteTransport extends BaseTransport {

    /**
     * Sets the water marks; {@code null} stands for asyncio's {@code None}: see
     * {@link WriteBufferLimits#of}. May call {@code pauseWriting()} at once.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(Integer high, Integer low);

    /** {@link #setWriteBufferLimits(Integer, Integer)} back to the defaults (64 KiB / 16 KiB). */
    default void setWriteBufferLimits() {
        setWriteBufferLimits(null, null);
    }

    WriteBufferLimits getWriteBufferLimits();

    /** Bytes buffered and not yet handed to the socket. */
    long getWriteBufferSize();

    /**
     * Sends the remaining bytes of {@code data}, consuming it (its position reaches its
     * limit); the transport copies whatever it must buffer.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    void write(ByteBuffer data);

    /** {@link #write(ByteBuffer)} for an array; the transport copies what it must buffer. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Writes every buffer in order, in as few system calls as the socket allows (gathering write). */
    void writelines(List<ByteBuffer> data);

    /**
     * Closes the sending side once buffered data is flushed (TCP half-close); the peer
     * reads end of stream, and this side may still receive. Idempotent.
     */
    void writeEof();

    /** Whether {@link #writeEof()} is supported (always, for TCP). */
    boolean canWriteEof();

    /**
     * Closes at once: buffered data is dropped, and {@code connectionLost(null)} is called
     * soon.
     */
    void abort();
}
