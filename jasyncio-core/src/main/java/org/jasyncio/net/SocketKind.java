package org.jasyncio.net;

/** Python's {@code socket.SOCK_*}: the socket type of an address entry. */
public enum SocketKind {
    /** {@code 0}: any type (getaddrinfo then returns one entry per type). */
    ANY(0),
    /** {@code SOCK_STREAM}: TCP. */
    STREAM(6),
    /** {@code SOCK_DGRAM}: UDP. */
    DGRAM(17),
    /** {@code SOCK_RAW}. */
    RAW(0);

    private final int defaultProto;

    SocketKind(int defaultProto) {
        this.defaultProto = defaultProto;
    }

    /** The IP protocol number getaddrinfo reports for this type (6 TCP, 17 UDP, 0 raw). */
    public int defaultProto() {
        return defaultProto;
    }
}
