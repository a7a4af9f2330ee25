package org.jasyncio.transport;

/**
 * What every transport offers: asyncio's {@code BaseTransport}.
 *
 * <p>Extra information ({@link #getExtraInfo(String)}) uses asyncio's keys; socket
 * transports answer {@link #PEERNAME}, {@link #SOCKNAME} and {@link #SOCKET}, and keep
 * answering them after the transport is closed.
 */
public interface BaseTransport {
    /** The remote address: an {@link java.net.InetSocketAddress} (or {@code null} when not connected). */
    String PEERNAME = "peername";
    /** The local address the socket is bound to. */
    String SOCKNAME = "sockname";
    /**
     * The JDK channel itself. Use it to read socket options; do not read, write, close or
     * reconfigure it while the transport owns it.
     */
    String SOCKET = "socket";

    /** The value for {@code name}, or {@code null} when this transport has none. */
    default Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /** The value for {@code name}, or {@code defaultValue} when this transport has none. */
    Object getExtraInfo(String name, Object defaultValue);

    /** Whether the transport is closing or closed. */
    boolean isClosing();

    /**
     * Closes the transport. Buffered outgoing data is still sent, asynchronously; then the
     * protocol's {@code connectionLost(null)} is called. Idempotent.
     */
    void close();

    /**
     * Replaces the protocol. A socket transport takes a {@link StreamProtocol}, a datagram
     * transport a {@link DatagramProtocol}; anything else is refused with
     * {@link IllegalArgumentException}.
     */
    void setProtocol(BaseProtocol<?> protocol);

    BaseProtocol<?> getProtocol();
}
