package org.jasyncio.internal.net;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.context.Context;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.LoopResource;
import org.jasyncio.internal.transport.SelectorSocketTransport;
import org.jasyncio.internal.transport.TransportOwner;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.Server;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.StreamProtocol;

/**
 * A TCP server: asyncio's {@code Server}. It owns its listening sockets (one
 * {@link Acceptor} each) and tracks the transports it accepted, for
 * {@link #closeClients()}, {@link #abortClients()} and {@link #waitClosed()}.
 *
 * <p>Protocols are made, and transports created, right in the accept callback (asyncio
 * goes through a task per connection; nothing can observe the difference but the cost).
 * A protocol factory that fails is reported to the loop's exception handler
 * ({@code "Error on transport creation for incoming connection"}) and the connection is
 * closed; asyncio reports it only in debug mode, which hides real bugs.
 */
final class SocketServer implements Server, TransportOwner, LoopResource {
    private final IoContext io;
    private final EventLoop loop;
    private final Supplier<? extends StreamProtocol> factory;
    private final boolean keepAlive;
    private final Context context;
    private final ServerHooks hooks;
    private List<Acceptor> acceptors;
    private final Set<SelectorSocketTransport> clients = Collections.newSetFromMap(new IdentityHashMap<>());
    private List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;
    private boolean serving;

    SocketServer(IoContext io, List<ServerSocketChannel> sockets, Supplier<? extends StreamProtocol> factory,
            int backlog, boolean keepAlive, ServerHooks hooks) {
        this.io = io;
        this.hooks = hooks;
        this.loop = io.loop();
        this.factory = factory;
        this.keepAlive = keepAlive;
        this.context = Context.copyCurrent();
        List<Acceptor> list = new ArrayList<>(sockets.size());
        for (ServerSocketChannel s : sockets) {
            list.add(new Acceptor(io, this, s, backlog));
            io.claim(s, this);
        }
        this.acceptors = list;
    }

    // ================================================================== accepting

    void accepted(SocketChannel conn) {
        Context connection = context.copy();
        Context previous = io.enter(connection);
        StreamProtocol protocol = null;
        try {
            conn.configureBlocking(false);
            if (keepAlive) {
                conn.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            }
            protocol = factory.get();
            if (protocol == null) {
                throw new IllegalStateException("the protocol factory returned null");
            }
            new SelectorSocketTransport(io, conn, protocol, null, hooks.extraFor(conn), this, connection);
        } catch (Throwable t) {
            org.jasyncio.internal.transport.Failures.rethrowIfFatal(t);
            try {
                conn.close();
            } catch (IOException ignored) {
                // dropping the connection either way
            }
            ExceptionContext report = ExceptionContext.of("Error on transport creation for incoming connection", t);
            if (protocol != null) {
                report = report.with(ExceptionContext.PROTOCOL, protocol);
            }
            loop.callExceptionHandler(report);
        } finally {
            io.exit(previous);
        }
    }

    @Override
    public void attach(SelectorSocketTransport transport) {
        clients.add(transport);
    }

    @Override
    public void detach(SelectorSocketTransport transport) {
        clients.remove(transport);
        if (clients.isEmpty() && acceptors == null) {
            wakeup();
        }
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws != null) {
            for (Future<Void> w : ws) {
                if (!w.done()) {
                    w.setResult(null);
                }
            }
        }
    }

    // ================================================================== Server

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public boolean isServing() {
        return serving;
    }

    @Override
    public List<ServerSocketChannel> sockets() {
        List<Acceptor> list = acceptors;
        if (list == null) {
            return List.of();
        }
        List<ServerSocketChannel> out = new ArrayList<>(list.size());
        for (Acceptor a : list) {
            out.add(a.socket());
        }
        return Collections.unmodifiableList(out);
    }

    /** Starts the acceptors; idempotent. Does not wait. */
    void startServingNow() {
        if (serving || acceptors == null) {
            return;
        }
        serving = true;
        for (Acceptor a : acceptors) {
            a.start();
        }
    }

    @Override
    public void startServing() {
        io.checkThread("startServing");
        Awaiting.require(loop, "startServing");
        startServingNow();
        Task.yieldNow();
    }

    @Override
    public void serveForever() {
        Awaiting.require(loop, "serveForever");
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (acceptors == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        startServingNow();
        Future<Void> forever = loop.createFuture();
        servingForever = forever;
        try {
            forever.await();
        } catch (CancelledException cancelled) {
            try {
                close();
                waitClosed();
            } catch (Throwable t) {
                cancelled.addSuppressed(t);
            }
            throw cancelled;
        } finally {
            servingForever = null;
        }
    }

    @Override
    public void close() {
        io.checkThread("close");
        List<Acceptor> list = acceptors;
        if (list == null) {
            return;
        }
        acceptors = null;
        for (Acceptor a : list) {
            io.release(a.socket());
            a.stop();
        }
        hooks.closed();
        serving = false;
        Future<Void> forever = servingForever;
        if (forever != null && !forever.done()) {
            forever.cancel();
        }
        servingForever = null;
        if (clients.isEmpty()) {
            wakeup();
        }
    }

    @Override
    public void closeClients() {
        io.checkThread("closeClients");
        for (SelectorSocketTransport t : new ArrayList<>(clients)) {
            t.close();
        }
    }

    @Override
    public void abortClients() {
        io.checkThread("abortClients");
        for (SelectorSocketTransport t : new ArrayList<>(clients)) {
            t.abort();
        }
    }

    @Override
    public void waitClosed() {
        Awaiting.require(loop, "waitClosed");
        if (waiters == null) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        waiters.add(waiter);
        waiter.await();
    }

    @Override
    public void closeOnLoopClose() {
        List<Acceptor> list = acceptors;
        acceptors = null;
        serving = false;
        if (list != null) {
            for (Acceptor a : list) {
                a.stop();
            }
            hooks.closed();
        }
    }

    @Override
    public String toString() {
        return "<Server sockets=" + sockets() + (serving ? " serving" : "") + " clients=" + clients.size() + ">";
    }
}
