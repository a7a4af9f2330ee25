package org.jasyncio.internal.unix;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jasyncio.net.AbstractUnixAddress;

/**
 * Between the public AF_UNIX address types ({@link UnixDomainSocketAddress} for paths and
 * the unnamed address, {@link AbstractUnixAddress} for the abstract namespace) and the
 * {@code sun_path} bytes {@code internal.ffm.UnixSockets} takes and returns.
 */
final class UnixNames {
    private static final UnixDomainSocketAddress UNNAMED = UnixDomainSocketAddress.of("");

    private UnixNames() {
    }

    /** The {@code sun_path} bytes of {@code address}. */
    static byte[] encode(SocketAddress address) {
        if (address instanceof AbstractUnixAddress abs) {
            byte[] name = abs.bytes();
            byte[] out = new byte[name.length + 1];
            System.arraycopy(name, 0, out, 1, name.length);
            return out;
        }
        if (address instanceof UnixDomainSocketAddress path) {
            // The platform's file-name encoding, as the JDK's own AF_UNIX channels use.
            return path.getPath().toString().getBytes(fileNameCharset());
        }
        throw new IllegalArgumentException("an AF_UNIX address is a UnixDomainSocketAddress (a path) or an "
                + "AbstractUnixAddress, not " + (address == null ? "null" : address.getClass().getName()));
    }

    /** The address {@code sunPath} names: unnamed (an empty path), abstract, or a path. */
    static SocketAddress decode(byte[] sunPath) {
        if (sunPath.length == 0) {
            return UNNAMED;
        }
        if (sunPath[0] == 0) {
            return AbstractUnixAddress.of(Arrays.copyOfRange(sunPath, 1, sunPath.length));
        }
        return UnixDomainSocketAddress.of(new String(sunPath, fileNameCharset()));
    }

    private static java.nio.charset.Charset fileNameCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(jnu);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
