package org.jasyncio.transport;

import java.nio.ByteBuffer;

/** A stream protocol that receives data as it arrives: asyncio's {@code Protocol}. */
public non-sealed interface Protocol extends StreamProtocol {

    /**
     * Bytes arrived, between {@code data.position()} and {@code data.limit()}.
     *
     * <p>{@code data} is a read-only view of the loop's shared read buffer, valid only
     * during this call (zero copy): copy what you keep. Passing it to a transport's
     * {@code write} is fine (the transport copies what it cannot send at once).
     */
    default void dataReceived(ByteBuffer data) {
    }
}
