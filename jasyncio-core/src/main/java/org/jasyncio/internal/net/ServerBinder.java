package org.jasyncio.internal.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.ServerOptions;
import org.jasyncio.net.SocketKind;
import org.jasyncio.task.Task;
import org.jasyncio.transport.StreamProtocol;

/**
 * {@code create_server}: resolves every host, binds one listening socket per distinct
 * address, and starts serving unless told not to.
 *
 * <p>Design notes, where the JDK differs from the socket API asyncio uses:
 * <ul>
 *   <li>{@link ServerSocketChannel#bind} binds and listens in one call, so a server made
 *       with {@code startServing=false} already queues connections in the kernel (up to
 *       the backlog); they are accepted once serving starts.</li>
 *   <li>The JDK has no {@code IPV6_V6ONLY}: an IPv6 socket on the wildcard address
 *       {@code ::} is dual-stack and also receives IPv4 connections. asyncio binds
 *       {@code 0.0.0.0:p} and {@code [::]:p} as two single-stack sockets; here, when both
 *       (or any IPv4 address with the same fixed port) are asked for, the IPv6 wildcard
 *       socket serves both families and the IPv4 bind it covers is skipped (it would fail
 *       with "address already in use"). With port 0 each address gets its own port, as in
 *       asyncio, and nothing is skipped.</li>
 *   <li>{@code keepAlive} is set on each accepted socket (the JDK offers no
 *       {@code SO_KEEPALIVE} on listening channels); the effect is the same.</li>
 * </ul>
 */
final class ServerBinder {
    private final IoContext io;
    private final Resolution resolution;

    ServerBinder(IoContext io, Resolution resolution) {
        this.io = io;
        this.resolution = resolution;
    }

    Server createServer(Supplier<? extends StreamProtocol> factory, List<String> hosts, int port,
            ServerOptions options) {
        Awaiting.require(io.loop(), "createServer");
        List<String> names = new ArrayList<>();
        if (hosts == null || hosts.isEmpty()) {
            names.add(null);
        } else {
            for (String h : hosts) {
                names.add(h == null || h.isEmpty() ? null : h);
            }
        }
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        for (String host : names) {
            for (AddressInfo info : resolution.ensureResolved(host, port, options.family(), SocketKind.STREAM,
                    options.flags())) {
                addresses.add(info.address());
            }
        }
        List<InetSocketAddress> toBind = dropCoveredByDualStack(addresses);
        List<ServerSocketChannel> sockets = new ArrayList<>();
        boolean completed = false;
        try {
            for (InetSocketAddress address : toBind) {
                ServerSocketChannel s = bindOne(address, options);
                if (s != null) {
                    sockets.add(s);
                }
            }
            if (sockets.isEmpty()) {
                throw new NetworkException("could not bind on any address out of " + toBind);
            }
            completed = true;
        } finally {
            if (!completed) {
                sockets.forEach(ServerBinder::closeQuietly);
            }
        }
        return start(factory, sockets, options.backlog(), options.keepAlive(), options.startServing(), ServerHooks.NONE);
    }

    Server createServer(Supplier<? extends StreamProtocol> factory, ServerSocketChannel sock, ServerOptions options) {
        Awaiting.require(io.loop(), "createServer");
        if (!sock.isOpen()) {
            throw new NetworkException("Bad file descriptor (the socket is closed)");
        }
        SocketAddress bound;
        try {
            bound = sock.getLocalAddress();
            sock.configureBlocking(false);
        } catch (IOException e) {
            throw NetErrors.map(e);
        }
        if (bound == null) {
            throw new IllegalArgumentException("the server socket is not bound: bind it (which also listens) "
                    + "or pass host and port to createServer");
        }
        return start(factory, List.of(sock), options.backlog(), options.keepAlive(), options.startServing(),
                ServerHooks.NONE);
    }

    /**
     * Serves on listening sockets the caller checked and put in non-blocking mode; the
     * server owns them from now on. With {@code startServing}, lets the loop run once so
     * the sockets are watched before this returns. Awaiting.
     */
    Server start(Supplier<? extends StreamProtocol> factory, List<ServerSocketChannel> sockets, int backlog,
            boolean keepAlive, boolean startServing, ServerHooks hooks) {
        SocketServer server = new SocketServer(io, sockets, factory, backlog, keepAlive, hooks);
        if (startServing) {
            server.startServingNow();
            // Let the loop run once so the sockets are watched before the caller goes on.
            Task.yieldNow();
        }
        return server;
    }

    /** Addresses to bind, without the IPv4 ones a dual-stack IPv6 wildcard socket already covers. */
    static List<InetSocketAddress> dropCoveredByDualStack(Set<InetSocketAddress> addresses) {
        Set<Integer> dualStackPorts = new LinkedHashSet<>();
        for (InetSocketAddress a : addresses) {
            if (a.getAddress() instanceof Inet6Address && a.getAddress().isAnyLocalAddress() && a.getPort() != 0) {
                dualStackPorts.add(a.getPort());
            }
        }
        List<InetSocketAddress> out = new ArrayList<>(addresses.size());
        for (InetSocketAddress a : addresses) {
            boolean ipv4 = !(a.getAddress() instanceof Inet6Address);
            if (ipv4 && dualStackPorts.contains(a.getPort())) {
                continue;
            }
            out.add(a);
        }
        return out;
    }

    /** A listening socket on {@code address}, or {@code null} when the address is not available here. */
    private static ServerSocketChannel bindOne(InetSocketAddress address, ServerOptions options) {
        ServerSocketChannel s;
        try {
            s = ServerSocketChannel.open(org.jasyncio.net.AddressFamily.of(address.getAddress()).protocolFamily());
        } catch (IOException | UnsupportedOperationException e) {
            return null;   // this family is not available here (asyncio skips such entries too)
        }
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, options.effectiveReuseAddress());
            if (options.reusePort()) {
                setReusePort(s);
            }
            s.configureBlocking(false);
            s.bind(address, options.backlog());
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (text.contains("cannot assign requested address")) {
                return null;   // EADDRNOTAVAIL: assume the family is not enabled (bpo-30945)
            }
            throw NetErrors.map(new IOException(text, e), "error while attempting to bind on address " + address);
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
    }

    private static void setReusePort(ServerSocketChannel s) throws IOException {
        SocketOption<Boolean> option = StandardSocketOptions.SO_REUSEPORT;
        if (!s.supportedOptions().contains(option)) {
            throw new UnsupportedOperationException("reusePort: SO_REUSEPORT is not supported on "
                    + System.getProperty("os.name") + "; leave reusePort off (or use reuseAddress)");
        }
        s.setOption(option, true);
    }

    private static void closeQuietly(ServerSocketChannel s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
