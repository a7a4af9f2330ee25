package org.jasyncio.internal.unix;

import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Optional;

import org.jasyncio.internal.fd.ChannelDescriptors;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.UnixSockets;
import org.jasyncio.net.PeerCredentials;

/**
 * The {@code "peercred"} extra info of Unix stream transports: {@code SO_PEERCRED} read
 * through FFM on the socket's descriptor (pid, uid, gid).
 *
 * <p>Design note: the JDK offers {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED}, but it
 * returns user and group names without the pid, and needs module {@code jdk.net}; the
 * FFM call gives all three numbers. Where it cannot run (not Linux, native access off,
 * or the channel's descriptor unreadable without {@code --add-opens
 * java.base/sun.nio.ch}) the extra info is absent, which {@link #unavailabilityCause()}
 * explains.
 */
final class PeerCredentialsReader {
    private PeerCredentialsReader() {
    }

    /** Why peer credentials are absent here, or empty when they are read. */
    static Optional<String> unavailabilityCause() {
        Optional<String> nativeCause = Native.unavailabilityCause();
        return nativeCause.isPresent() ? nativeCause : ChannelDescriptors.unavailabilityCause();
    }

    /** The extra info for a connected Unix stream channel: {@code peercred}, or {@code null} when unavailable. */
    static Map<String, Object> extraInfo(SocketChannel channel) {
        PeerCredentials credentials = read(channel);
        return credentials == null ? null : Map.of(PeerCredentials.EXTRA_INFO, credentials);
    }

    static PeerCredentials read(SocketChannel channel) {
        if (unavailabilityCause().isPresent()) {
            return null;
        }
        return ofDescriptor(ChannelDescriptors.fdOf(channel, "peer credentials"));
    }

    /** The credentials of the peer of socket {@code fd}, or {@code null} if the kernel has none for it. */
    static PeerCredentials ofDescriptor(int fd) {
        try {
            int[] c = UnixSockets.peerCredentials(fd);
            return new PeerCredentials(c[0], Integer.toUnsignedLong(c[1]), Integer.toUnsignedLong(c[2]));
        } catch (ErrnoException e) {
            return null;   // the peer went away, or this is no Unix socket: nothing to report
        }
    }
}
