package org.jasyncio.net;

/**
 * The result of {@code getnameinfo}: Python's {@code (host, port)} pair of strings.
 *
 * @param host    the host name, or the numeric address
 * @param service the service name from the services database (e.g. {@code "http"}), or
 *                the numeric port
 */
public record NameInfo(String host, String service) {
    /** Numeric host instead of a name. */
    public static final int NI_NUMERICHOST = 0x01;
    /** Numeric port instead of a service name. */
    public static final int NI_NUMERICSERV = 0x02;
    /** Only the host part of a local name (up to the first dot). */
    public static final int NI_NOFQDN = 0x04;
    /** Fail when the address has no name instead of answering the numeric address. */
    public static final int NI_NAMEREQD = 0x08;
    /** The service is a datagram (UDP) service. */
    public static final int NI_DGRAM = 0x10;
    /** Every flag {@code getnameinfo} understands. */
    public static final int SUPPORTED_FLAGS = NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM;
}
