package org.jasyncio.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One entry of {@code getaddrinfo}: Python's {@code (family, type, proto, canonname,
 * sockaddr)} tuple.
 *
 * @param family    {@link AddressFamily#INET} or {@link AddressFamily#INET6}
 * @param type      the socket type
 * @param proto     the IP protocol number (6 TCP, 17 UDP, 0 raw)
 * @param canonname the canonical name when {@link #AI_CANONNAME} was asked (first entry
 *                  only, as glibc does), else {@code ""}
 * @param address   the resolved address and port
 */
public record AddressInfo(AddressFamily family, SocketKind type, int proto, String canonname,
        InetSocketAddress address) {
    /** Wildcard addresses when the host is {@code null} (for binding), instead of loopback. */
    public static final int AI_PASSIVE = 0x0001;
    /** Report the host's canonical name in the first entry. */
    public static final int AI_CANONNAME = 0x0002;
    /** The host must be a numeric address: never ask a name service. */
    public static final int AI_NUMERICHOST = 0x0004;
    /** The port is numeric (always true here: ports are {@code int}); accepted for compatibility. */
    public static final int AI_NUMERICSERV = 0x0400;
    /** Only families that some local interface has an address of (loopback aside). */
    public static final int AI_ADDRCONFIG = 0x0020;
    /** Every flag {@code getaddrinfo} understands. */
    public static final int SUPPORTED_FLAGS = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_ADDRCONFIG;

    public AddressInfo {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonname, "canonname");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address info holds a resolved address, not " + address);
        }
    }
}
