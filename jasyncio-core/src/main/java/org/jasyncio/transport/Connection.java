package org.jasyncio.transport;

import java.util.Objects;

/**
 * A connected stream: the {@code (transport, protocol)} pair asyncio's
 * {@code create_connection} returns.
 *
 * @param <P> the protocol type the factory made
 */
public record Connection<P extends StreamProtocol>(Transport transport, P protocol) {
    public Connection {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
