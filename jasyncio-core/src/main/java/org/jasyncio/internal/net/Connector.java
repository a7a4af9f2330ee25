package org.jasyncio.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.context.Context;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.internal.transport.SelectorSocketTransport;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.AddressFamily;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.ConnectionOptions;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.NetworkExceptionGroup;
import org.jasyncio.net.SocketKind;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.StreamProtocol;

/**
 * Outgoing stream connections: asyncio's {@code create_connection},
 * {@code connect_accepted_socket} and the {@code sock=} form.
 *
 * <p>The host is resolved (numeric hosts without the executor), the addresses are
 * optionally interleaved by family, then tried one after another, or raced with staggered
 * starts when {@code happyEyeballsDelay} is set (RFC 8305). Each attempt opens a
 * non-blocking socket of the address's family, binds it to a matching local address when
 * asked, and connects. Failures are combined as asyncio does: one error is thrown as is,
 * identical ones as the first, different ones as "Multiple exceptions: ...", or all of
 * them in a {@link NetworkExceptionGroup} with {@code allErrors}.
 */
final class Connector {
    private final IoContext io;
    private final EventLoop loop;
    private final Resolution resolution;
    private final SockOps sockOps;

    Connector(IoContext io, Resolution resolution, SockOps sockOps) {
        this.io = io;
        this.loop = io.loop();
        this.resolution = resolution;
        this.sockOps = sockOps;
    }

    <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> factory, String host, int port,
            ConnectionOptions options) {
        Awaiting.require(loop, "createConnection");
        if (host == null) {
            throw new IllegalArgumentException("host and port was not specified and no sock specified "
                    + "(pass a host, or use createConnection(factory, socketChannel))");
        }
        List<AddressInfo> infos = resolution.ensureResolved(host, port, options.family(), SocketKind.STREAM,
                options.flags());
        List<AddressInfo> localInfos = null;
        InetSocketAddress local = options.localAddr();
        if (local != null) {
            localInfos = resolution.ensureResolved(local.getHostString(), local.getPort(), options.family(),
                    SocketKind.STREAM, options.flags());
        }
        int interleave = options.effectiveInterleave();
        if (interleave > 0) {
            infos = interleave(infos, interleave);
        }
        return wrap(factory, connectAny(infos, localInfos, options), true, null);
    }

    /**
     * Connects to the first of {@code targets} that answers: one after another, or raced
     * with staggered starts when {@code happyEyeballsDelay} is set. Awaiting.
     *
     * @throws NetworkException combined as asyncio does when every attempt failed
     */
    SocketChannel connectAny(List<AddressInfo> targets, List<AddressInfo> locals, ConnectionOptions options) {
        List<List<NetworkException>> errors = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            errors.add(new ArrayList<>(1));
        }
        SocketChannel sock = null;
        if (options.happyEyeballsDelay() == null) {
            for (int i = 0; i < targets.size() && sock == null; i++) {
                try {
                    sock = connectOne(targets.get(i), locals, errors.get(i));
                } catch (NetworkException recorded) {
                    // recorded in errors; try the next address
                }
            }
        } else {
            List<Coroutine<SocketChannel>> attempts = new ArrayList<>(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                AddressInfo target = targets.get(i);
                List<NetworkException> mine = errors.get(i);
                attempts.add(() -> connectOne(target, locals, mine));
            }
            sock = StaggeredRace.run(loop, attempts, options.happyEyeballsDelay(), Connector::closeQuietly).winner();
        }
        if (sock == null) {
            throw combine(errors, options.allErrors());
        }
        return sock;
    }

    /** {@code create_connection(sock=...)}: wraps an already connected socket. */
    <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> factory, SocketChannel sock,
            String operation) {
        return createConnection(factory, sock, operation, null);
    }

    /** {@code create_connection(sock=...)} with more extra info for the transport (may be {@code null}). */
    <P extends StreamProtocol> Connection<P> createConnection(Supplier<? extends P> factory, SocketChannel sock,
            String operation, Map<String, Object> extra) {
        Awaiting.require(loop, operation);
        if (!sock.isOpen()) {
            throw new NetworkException("Bad file descriptor (the socket is closed)");
        }
        if (!sock.isConnected()) {
            throw new IllegalArgumentException("the socket must be connected: connect it first (loop.sockConnect) "
                    + "or pass host and port to createConnection");
        }
        try {
            sock.configureBlocking(false);
        } catch (IOException e) {
            throw NetErrors.map(e);
        }
        return wrap(factory, sock, false, extra);
    }

    /**
     * Makes the protocol and transport and waits until {@code connectionMade} has run.
     * On failure the transport is closed; so is the socket when this call opened it.
     */
    <P extends StreamProtocol> Connection<P> wrap(Supplier<? extends P> factory, SocketChannel sock,
            boolean ownSocket, Map<String, Object> extra) {
        P protocol = Awaiting.makeProtocol(factory, ownSocket ? sock : null);
        Future<Void> waiter = loop.createFuture();
        SelectorSocketTransport transport = new SelectorSocketTransport(io, sock, protocol, waiter, extra, null,
                Context.copyCurrent());
        Awaiting.awaitStarted(waiter, transport);
        return new Connection<>(transport, protocol);
    }

    /**
     * One attempt: open, bind to a local address of the same family (if asked), connect.
     * Every error is recorded in {@code mine} and the last one thrown; the socket is closed
     * on any failure, cancellation included.
     */
    private SocketChannel connectOne(AddressInfo target, List<AddressInfo> locals, List<NetworkException> mine) {
        SocketChannel sock = null;
        try {
            try {
                sock = SocketChannel.open(target.family().protocolFamily());
                sock.configureBlocking(false);
            } catch (IOException e) {
                throw NetErrors.map(e, "cannot create a " + target.family() + " socket");
            }
            if (locals != null) {
                bindLocal(sock, target.family(), locals, mine);
            }
            sockOps.sockConnect(sock, target.address());
            SocketChannel connected = sock;
            sock = null;
            return connected;
        } catch (NetworkException e) {
            if (mine.isEmpty() || mine.get(mine.size() - 1) != e) {
                mine.add(e);
            }
            throw e;
        } finally {
            if (sock != null) {
                closeQuietly(sock);
            }
        }
    }

    private static void bindLocal(SocketChannel sock, AddressFamily family, List<AddressInfo> locals,
            List<NetworkException> mine) {
        for (AddressInfo local : locals) {
            if (local.family() != family) {
                continue;
            }
            try {
                sock.bind(local.address());
                return;
            } catch (IOException e) {
                mine.add(NetErrors.map(e, "error while attempting to bind on address " + local.address()));
            }
        }
        if (!mine.isEmpty()) {
            throw mine.remove(mine.size() - 1);
        }
        throw new NetworkException("no matching local address with family=" + family + " found");
    }

    /** asyncio's {@code _interleave_addrinfos}: {@code firstFamilyCount} of the first family, then alternate. */
    static List<AddressInfo> interleave(List<AddressInfo> infos, int firstFamilyCount) {
        Map<AddressFamily, List<AddressInfo>> byFamily = new LinkedHashMap<>();
        for (AddressInfo info : infos) {
            byFamily.computeIfAbsent(info.family(), f -> new ArrayList<>()).add(info);
        }
        List<List<AddressInfo>> lists = new ArrayList<>();
        for (List<AddressInfo> l : byFamily.values()) {
            lists.add(new ArrayList<>(l));
        }
        List<AddressInfo> out = new ArrayList<>(infos.size());
        if (firstFamilyCount > 1) {
            List<AddressInfo> first = lists.get(0);
            int take = Math.min(firstFamilyCount - 1, first.size());
            out.addAll(first.subList(0, take));
            first.subList(0, take).clear();
        }
        for (int i = 0; out.size() < infos.size(); i++) {
            for (List<AddressInfo> l : lists) {
                if (i < l.size()) {
                    out.add(l.get(i));
                }
            }
        }
        return out;
    }

    /** How asyncio reports a failed create_connection. */
    static NetworkException combine(List<List<NetworkException>> perAttempt, boolean allErrors) {
        List<NetworkException> all = new ArrayList<>();
        for (List<NetworkException> l : perAttempt) {
            all.addAll(l);
        }
        if (all.isEmpty()) {
            return new NetworkException("could not connect: no address to try");
        }
        if (allErrors) {
            return new NetworkExceptionGroup("create_connection failed", all);
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        String model = all.get(0).getMessage();
        boolean same = all.stream().allMatch(e -> e.getMessage().equals(model));
        if (same) {
            return all.get(0);
        }
        StringBuilder sb = new StringBuilder("Multiple exceptions: ");
        for (int i = 0; i < all.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(all.get(i).getMessage());
        }
        NetworkException multiple = new NetworkException(sb.toString());
        all.forEach(multiple::addSuppressed);
        return multiple;
    }

    static void closeQuietly(SocketChannel sock) {
        try {
            sock.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }
}
