package org.jasyncio.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.context.Context;
import org.jasyncio.internal.transport.ChannelDatagramIo;
import org.jasyncio.internal.transport.DatagramIo;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.internal.transport.SelectorDatagramTransport;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.AddressFamily;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.DatagramOptions;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.SocketKind;
import org.jasyncio.task.Future;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;

/**
 * {@code create_datagram_endpoint}: resolves the local and remote addresses, pairs them
 * by family (asyncio's order), and takes the first pair for which a socket can be opened,
 * bound and connected. With {@code allowBroadcast} the remote address is not connected,
 * only remembered as the default destination (asyncio's behaviour).
 */
final class DatagramEndpoints {
    private final IoContext io;
    private final EventLoop loop;
    private final Resolution resolution;

    DatagramEndpoints(IoContext io, Resolution resolution) {
        this.io = io;
        this.loop = io.loop();
        this.resolution = resolution;
    }

    <P extends DatagramProtocol> DatagramEndpoint<P> create(Supplier<? extends P> factory, DatagramOptions o) {
        Awaiting.require(loop, "createDatagramEndpoint");
        Map<AddressFamily, InetSocketAddress[]> pairs = new LinkedHashMap<>();
        if (o.localAddr() == null && o.remoteAddr() == null) {
            if (o.family() == AddressFamily.UNSPEC) {
                throw new IllegalArgumentException("unexpected address family: with neither localAddr nor "
                        + "remoteAddr, name the family (DatagramOptions.withFamily)");
            }
            pairs.put(o.family(), new InetSocketAddress[2]);
        } else {
            InetSocketAddress[] given = {o.localAddr(), o.remoteAddr()};
            for (int idx = 0; idx < 2; idx++) {
                if (given[idx] == null) {
                    continue;
                }
                for (AddressInfo info : resolution.ensureResolved(given[idx].getHostString(), given[idx].getPort(),
                        o.family(), SocketKind.DGRAM, o.flags())) {
                    InetSocketAddress[] pair = pairs.computeIfAbsent(info.family(), f -> new InetSocketAddress[2]);
                    if (pair[idx] == null) {
                        pair[idx] = info.address();
                    }
                }
            }
            pairs.values().removeIf(p -> o.localAddr() != null && p[0] == null || o.remoteAddr() != null && p[1] == null);
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("can not get address information: the local and remote "
                        + "addresses have no family in common");
            }
        }
        List<NetworkException> errors = new ArrayList<>();
        DatagramChannel opened = null;
        InetSocketAddress openedRemote = null;
        for (Map.Entry<AddressFamily, InetSocketAddress[]> e : pairs.entrySet()) {
            DatagramChannel ch = null;
            try {
                ch = DatagramChannel.open(e.getKey().protocolFamily());
                ch.configureBlocking(false);
                if (o.reusePort()) {
                    if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                        throw new UnsupportedOperationException("reusePort: SO_REUSEPORT is not supported on "
                                + System.getProperty("os.name"));
                    }
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                if (o.allowBroadcast()) {
                    ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
                }
                InetSocketAddress local = e.getValue()[0];
                InetSocketAddress remote = e.getValue()[1];
                if (local != null) {
                    ch.bind(local);
                }
                if (remote != null && !o.allowBroadcast()) {
                    ch.connect(remote);
                }
                opened = ch;
                openedRemote = remote;
                break;
            } catch (IOException ex) {
                closeQuietly(ch);
                errors.add(NetErrors.map(ex));
            } catch (RuntimeException | Error ex) {
                closeQuietly(ch);
                throw ex;
            }
        }
        if (opened == null) {
            throw errors.get(0);
        }
        return wrap(factory, opened, openedRemote, true);
    }

    <P extends DatagramProtocol> DatagramEndpoint<P> create(Supplier<? extends P> factory, DatagramChannel sock) {
        Awaiting.require(loop, "createDatagramEndpoint");
        if (!sock.isOpen()) {
            throw new NetworkException("Bad file descriptor (the socket is closed)");
        }
        try {
            sock.configureBlocking(false);
        } catch (IOException e) {
            throw NetErrors.map(e);
        }
        return wrap(factory, sock, null, false);
    }

    private <P extends DatagramProtocol> DatagramEndpoint<P> wrap(Supplier<? extends P> factory, DatagramChannel ch,
            InetSocketAddress remote, boolean ownSocket) {
        return wrap(factory, ChannelDatagramIo.of(ch), remote, ownSocket ? ch : null);
    }

    /**
     * Makes the protocol and transport over {@code socket} and waits until
     * {@code connectionMade} has run. {@code closeOnFailure} (may be {@code null}) is
     * closed if the protocol factory fails.
     */
    <P extends DatagramProtocol> DatagramEndpoint<P> wrap(Supplier<? extends P> factory, DatagramIo socket,
            SocketAddress remote, java.io.Closeable closeOnFailure) {
        P protocol = Awaiting.makeProtocol(factory, closeOnFailure);
        Future<Void> waiter = loop.createFuture();
        SelectorDatagramTransport transport = new SelectorDatagramTransport(io, socket, protocol, remote, waiter,
                Context.copyCurrent());
        Awaiting.awaitStarted(waiter, transport);
        return new DatagramEndpoint<>(transport, protocol);
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }
    }
}
