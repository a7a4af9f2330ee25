package org.jasyncio.transport;

/** The reading side of a transport: asyncio's {@code ReadTransport}. */
public interface ReadTransport extends BaseTransport {

    /** Whether the transport is receiving: not paused and not closing. */
    boolean isReading();

    /**
     * Stops delivering data to the protocol until {@link #resumeReading()}. Idempotent; does
     * nothing on a closing transport.
     */
    void pauseReading();

    /** Delivers data again after {@link #pauseReading()}. Idempotent. */
    void resumeReading();
}
