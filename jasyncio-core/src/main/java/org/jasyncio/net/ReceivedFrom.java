package org.jasyncio.net;

import java.net.SocketAddress;

/**
 * The result of {@code sockRecvfrom}: Python's {@code (data, address)} pair.
 *
 * @param data    the datagram (at most the requested size; the rest of a longer datagram is discarded)
 * @param address the sender
 */
public record ReceivedFrom(byte[] data, SocketAddress address) {
}
