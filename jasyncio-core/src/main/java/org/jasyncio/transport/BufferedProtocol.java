package org.jasyncio.transport;

import java.nio.ByteBuffer;

/**
 * A stream protocol that owns its receive buffer: asyncio's {@code BufferedProtocol}.
 * The transport reads from the socket straight into the buffer {@link #getBuffer} returns,
 * with no copy in between.
 */
public non-sealed interface BufferedProtocol extends StreamProtocol {

    /**
     * The buffer to read into next: bytes land from its position up to its limit. It must
     * have room ({@code hasRemaining()}); an empty buffer is a fatal error of the
     * connection. {@code sizeHint} is a recommended minimum size, or {@code -1} (asyncio
     * always passes {@code -1}).
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code nbytes} bytes were written into the buffer last returned by
     * {@link #getBuffer}, starting at the position it had then; the transport has advanced
     * the buffer's position past them.
     */
    void bufferUpdated(int nbytes);
}
