package org.jasyncio.internal.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.AddressFamily;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.NameInfo;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.SocketKind;

/**
 * Name resolution for one loop: {@code getaddrinfo}/{@code getnameinfo} run in the loop's
 * default executor (the system resolver blocks) while the calling task is parked, as
 * asyncio does; {@link #ensureResolved} skips the executor for numeric hosts (asyncio's
 * {@code _ipaddr_info} shortcut).
 */
final class Resolution {
    private final EventLoop loop;

    Resolution(EventLoop loop) {
        this.loop = loop;
    }

    List<AddressInfo> getaddrinfo(String host, int port, AddressFamily family, SocketKind type, int flags) {
        Awaiting.require(loop, "getaddrinfo");
        AddressResolver.checkFlags(flags);
        AddressResolver.checkPort(port);
        if (family == null || type == null) {
            throw new NullPointerException("family and type must not be null (use UNSPEC and ANY)");
        }
        return loop.runInExecutor(null, () -> AddressResolver.getaddrinfo(host, port, family, type, flags)).await();
    }

    NameInfo getnameinfo(InetSocketAddress address, int flags) {
        Awaiting.require(loop, "getnameinfo");
        return loop.runInExecutor(null, () -> AddressResolver.getnameinfo(address, flags)).await();
    }

    /** {@code host} resolved for {@code type}: at once for a numeric host, else through {@link #getaddrinfo}. */
    List<AddressInfo> ensureResolved(String host, int port, AddressFamily family, SocketKind type, int flags) {
        AddressResolver.checkFlags(flags);
        InetAddress literal = AddressResolver.literal(host);
        if (literal != null) {
            AddressResolver.checkPort(port);
            AddressFamily f = AddressFamily.of(literal);
            if (family.accepts(f)) {
                return List.of(new AddressInfo(f, type, type.defaultProto(), "", new InetSocketAddress(literal, port)));
            }
        }
        List<AddressInfo> infos = getaddrinfo(host, port, family, type, flags);
        if (infos.isEmpty()) {
            throw new NetworkException("getaddrinfo() returned empty list");
        }
        return infos;
    }

    /** The first address {@code address}'s host resolves to, for {@code sockConnect}/{@code sockSendto}. */
    InetSocketAddress resolveOne(InetSocketAddress address, SocketKind type) {
        return ensureResolved(address.getHostString(), address.getPort(), AddressFamily.UNSPEC, type, 0).get(0).address();
    }
}
