package org.jasyncio.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The arguments of asyncio's {@code create_datagram_endpoint} (the socket aside, which has
 * its own overload), with its defaults ({@link #DEFAULTS}: nothing bound, nothing
 * connected, which needs a {@code family}).
 *
 * @param localAddr      bind here ({@code local_addr=}); unresolved addresses are resolved
 * @param remoteAddr     connect to here ({@code remote_addr=}): the endpoint then only talks to this peer
 * @param family         the address family; needed when neither address is given
 * @param flags          {@code getaddrinfo} flags
 * @param reusePort      set {@code SO_REUSEPORT}
 * @param allowBroadcast set {@code SO_BROADCAST}; the remote address is then not connected
 *                       (as asyncio), only used as the default destination
 */
public record DatagramOptions(InetSocketAddress localAddr, InetSocketAddress remoteAddr, AddressFamily family,
        int flags, boolean reusePort, boolean allowBroadcast) {

    /** asyncio's defaults. */
    public static final DatagramOptions DEFAULTS = new DatagramOptions(null, null, AddressFamily.UNSPEC, 0, false,
            false);

    public DatagramOptions {
        Objects.requireNonNull(family, "family");
    }

    /** An endpoint bound to {@code localAddr}. */
    public static DatagramOptions local(InetSocketAddress localAddr) {
        return DEFAULTS.withLocalAddr(localAddr);
    }

    /** An endpoint connected to {@code remoteAddr}. */
    public static DatagramOptions remote(InetSocketAddress remoteAddr) {
        return DEFAULTS.withRemoteAddr(remoteAddr);
    }

    public DatagramOptions withLocalAddr(InetSocketAddress value) {
        return new DatagramOptions(value, remoteAddr, family, flags, reusePort, allowBroadcast);
    }

    public DatagramOptions withRemoteAddr(InetSocketAddress value) {
        return new DatagramOptions(localAddr, value, family, flags, reusePort, allowBroadcast);
    }

    public DatagramOptions withFamily(AddressFamily value) {
        return new DatagramOptions(localAddr, remoteAddr, value, flags, reusePort, allowBroadcast);
    }

    public DatagramOptions withFlags(int value) {
        return new DatagramOptions(localAddr, remoteAddr, family, value, reusePort, allowBroadcast);
    }

    public DatagramOptions withReusePort(boolean value) {
        return new DatagramOptions(localAddr, remoteAddr, family, flags, value, allowBroadcast);
    }

    public DatagramOptions withAllowBroadcast(boolean value) {
        return new DatagramOptions(localAddr, remoteAddr, family, flags, reusePort, value);
    }
}
