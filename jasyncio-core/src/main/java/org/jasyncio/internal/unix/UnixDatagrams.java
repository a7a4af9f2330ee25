package org.jasyncio.internal.unix;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.UnixSockets;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.AddressInUseException;

/**
 * Opens the socket of an AF_UNIX datagram endpoint: asyncio's
 * {@code create_datagram_endpoint(family=AF_UNIX, local_addr=, remote_addr=)}. A local
 * path holding a stale socket file is replaced first, a live one is refused
 * ({@link SocketFiles}); the remote address, if any, is connected, so it becomes the
 * only destination and the only source datagrams are accepted from.
 */
final class UnixDatagrams {
    private UnixDatagrams() {
    }

    /** A bound and/or connected socket; closed again on any failure. */
    static UnixDatagramSocket open(SocketAddress local, SocketAddress remote) {
        checkAddress(local, "localAddr");
        checkAddress(remote, "remoteAddr");
        if (local instanceof UnixDomainSocketAddress path && !path.getPath().toString().isEmpty()) {
            SocketFiles.clearStale(path.getPath());
        }
        int fd = UnixSockets.socket(UnixSockets.SOCK_DGRAM);
        try {
            if (local != null) {
                try {
                    UnixSockets.bind(fd, UnixNames.encode(local));
                } catch (ErrnoException e) {
                    if (e.errno() == UnixSockets.EADDRINUSE) {
                        throw new AddressInUseException("Address " + local + " is already in use: remove the file "
                                + "or choose another address", e.getCause());
                    }
                    throw AbstractSockets.map(e, "cannot bind an AF_UNIX datagram socket to " + local);
                }
            }
            if (remote != null) {
                try {
                    UnixSockets.connect(fd, UnixNames.encode(remote));
                } catch (ErrnoException e) {
                    throw AbstractSockets.map(e, "Connect call failed " + remote);
                }
            }
            UnixDatagramSocket socket = new UnixDatagramSocket(fd, remote);
            fd = -1;
            return socket;
        } finally {
            AbstractSockets.closeQuietly(fd);
        }
    }

    private static void checkAddress(SocketAddress address, String what) {
        if (address != null && !(address instanceof UnixDomainSocketAddress)
                && !(address instanceof AbstractUnixAddress)) {
            throw new IllegalArgumentException(what + " of an AF_UNIX datagram endpoint is a path "
                    + "(UnixDomainSocketAddress) or an AbstractUnixAddress, not " + address);
        }
    }
}
