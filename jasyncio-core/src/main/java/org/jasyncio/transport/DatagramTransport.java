package org.jasyncio.transport;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A datagram (UDP) transport: asyncio's {@code DatagramTransport}.
 *
 * <p>{@code sendto} never blocks: what the socket does not take is queued, datagram by
 * datagram, with the same write flow control as a stream transport. Errors of single
 * datagrams (ICMP port unreachable, a refused send) go to the protocol's
 * {@link DatagramProtocol#errorReceived} and the transport stays open.
 */
public interface DatagramTransport extends BaseTransport {

    /**
     * Sends the remaining bytes of {@code data} as one datagram to {@code address}
     * ({@code null} on a connected transport), consuming {@code data}.
     *
     * @throws IllegalArgumentException if the transport is connected and {@code address}
     *         is another address, or the address is unresolved or of the wrong family
     */
    void sendto(ByteBuffer data, SocketAddress address);

    /** {@link #sendto(ByteBuffer, SocketAddress)} to the connected peer. */
    default void sendto(ByteBuffer data) {
        sendto(data, null);
    }

    default void sendto(byte[] data, SocketAddress address) {
        sendto(ByteBuffer.wrap(data), address);
    }

    default void sendto(byte[] data) {
        sendto(ByteBuffer.wrap(data), null);
    }

    /** Closes at once, dropping queued datagrams. */
    void abort();

    /** Bytes of queued datagrams not yet handed to the socket. */
    long getWriteBufferSize();

    /** As {@link WriteTransport#setWriteBufferLimits(Integer, Integer)}. */
    void setWriteBufferLimits(Integer high, Integer low);

    WriteBufferLimits getWriteBufferLimits();
}
