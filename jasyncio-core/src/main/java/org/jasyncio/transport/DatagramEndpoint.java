package org.jasyncio.transport;

import java.util.Objects;

/**
 * A datagram endpoint: the {@code (transport, protocol)} pair asyncio's
 * {@code create_datagram_endpoint} returns.
 *
 * @param <P> the protocol type the factory made
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
    public DatagramEndpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
