package org.jasyncio.transport;

/**
 * What a stream transport accepts: a {@link Protocol} (data handed over in the loop's
 * read buffer) or a {@link BufferedProtocol} (data read straight into the protocol's own
 * buffer). asyncio has no name for this pair; {@code create_connection} and
 * {@code create_server} accept either, and so do their Java twins.
 *
 * <p>A class implementing both is driven as a {@link BufferedProtocol}, as in asyncio.
 */
public sealed interface StreamProtocol extends BaseProtocol<Transport> permits Protocol, BufferedProtocol {

    /**
     * The peer closed its sending side (TCP half-close). Return {@code true} to keep the
     * connection open for writing (reading stops); {@code false} (the default) closes the
     * transport.
     */
    default boolean eofReceived() {
        return false;
    }
}
