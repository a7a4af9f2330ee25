package org.jasyncio.transport;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** Callbacks of a datagram endpoint: asyncio's {@code DatagramProtocol}. */
public interface DatagramProtocol extends BaseProtocol<DatagramTransport> {

    /**
     * A datagram arrived from {@code address}. {@code data} follows the same rule as
     * {@link Protocol#dataReceived}: a read-only view valid only during the call.
     */
    default void datagramReceived(ByteBuffer data, SocketAddress address) {
    }

    /**
     * A send or receive failed without closing the endpoint, e.g. an ICMP "port
     * unreachable" reported as {@link org.jasyncio.net.ConnectionRefusedException} on a
     * connected endpoint.
     */
    default void errorReceived(Exception exc) {
    }
}
