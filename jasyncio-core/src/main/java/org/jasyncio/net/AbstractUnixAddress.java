package org.jasyncio.net;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A name in Linux's abstract socket namespace: an AF_UNIX address with no file behind
 * it (asyncio writes it as a path starting with {@code "\0"}). It vanishes when the last
 * socket bound to it closes, so there is nothing to clean up. The JDK's
 * {@link java.net.UnixDomainSocketAddress} cannot hold one (a path may not contain NUL);
 * this type can, where {@code Capability.UNIX_ABSTRACT_NAMES} is supported.
 *
 * <p>The name is bytes (up to 107); {@link #of(String)} encodes text as UTF-8.
 */
public final class AbstractUnixAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;
    /** {@code sun_path} holds 108 bytes, the first of which is the leading NUL. */
    public static final int MAX_NAME_BYTES = 107;

    private final byte[] name;

    private AbstractUnixAddress(byte[] name) {
        if (name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("an abstract socket name holds at most " + MAX_NAME_BYTES
                    + " bytes, not " + name.length);
        }
        this.name = name;
    }

    /** The abstract name {@code name} (UTF-8; without the leading NUL). */
    public static AbstractUnixAddress of(String name) {
        return new AbstractUnixAddress(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The abstract name made of {@code name}'s bytes (without the leading NUL). */
    public static AbstractUnixAddress of(byte[] name) {
        return new AbstractUnixAddress(name.clone());
    }

    /** The name's bytes, without the leading NUL. */
    public byte[] bytes() {
        return name.clone();
    }

    /** The name as UTF-8 text. */
    public String name() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbstractUnixAddress other && Arrays.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name);
    }

    /** {@code "@name"}, as {@code ss} and {@code /proc/net/unix} show it; unprintable bytes in hex. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("@");
        for (byte b : name) {
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(HexFormat.of().toHexDigits(b));
            }
        }
        return sb.toString();
    }
}
