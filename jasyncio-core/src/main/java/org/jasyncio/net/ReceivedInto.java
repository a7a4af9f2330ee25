package org.jasyncio.net;

import java.net.SocketAddress;

/**
 * The result of {@code sockRecvfromInto}: Python's {@code (nbytes, address)} pair.
 *
 * @param nbytes  how many bytes were stored in the buffer
 * @param address the sender
 */
public record ReceivedInto(int nbytes, SocketAddress address) {
}
