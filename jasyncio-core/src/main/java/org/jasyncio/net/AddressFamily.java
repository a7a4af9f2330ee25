package org.jasyncio.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;

/** Python's {@code socket.AF_*} for the families the socket API takes. */
public enum AddressFamily {
    /** {@code AF_UNSPEC} (0): any family. */
    UNSPEC(null),
    /** {@code AF_INET}: IPv4. */
    INET(StandardProtocolFamily.INET),
    /** {@code AF_INET6}: IPv6. */
    INET6(StandardProtocolFamily.INET6);

    private final ProtocolFamily protocolFamily;

    AddressFamily(ProtocolFamily protocolFamily) {
        this.protocolFamily = protocolFamily;
    }

    /** The JDK family to open channels with ({@code null} for {@link #UNSPEC}). */
    public ProtocolFamily protocolFamily() {
        return protocolFamily;
    }

    /** The family of {@code address}. */
    public static AddressFamily of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return INET;
        }
        if (address instanceof Inet6Address) {
            return INET6;
        }
        throw new IllegalArgumentException("not an IP address: " + address);
    }

    /** Whether an address of family {@code other} is acceptable where this family is asked for. */
    public boolean accepts(AddressFamily other) {
        return this == UNSPEC || this == other;
    }
}
