package org.jasyncio.net;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/**
 * The result of {@code sockAccept}: Python's {@code (conn, address)} pair.
 *
 * @param socket  the accepted connection, in non-blocking mode; the caller owns and closes it
 * @param address the peer's address
 */
public record Accepted(SocketChannel socket, SocketAddress address) {
}
