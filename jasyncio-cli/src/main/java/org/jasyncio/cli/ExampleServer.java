package org.jasyncio.cli;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.ServerOptions;
import org.jasyncio.transport.StreamProtocol;

/**
 * How the example servers run: one loop on the chosen backend, one listening server, served
 * until the process is stopped. SIGTERM ends the JVM the default way (the network
 * benchmark stops its servers so); Ctrl-C too.
 */
final class ExampleServer {
    /**
     * The listen backlog: 1,000 connections arriving at once must not wait for SYN retries
     * (asyncio's default of 100 would make them).
     */
    static final int BACKLOG = 4096;

    /** The listening options every example server uses. */
    static final ServerOptions OPTIONS = ServerOptions.DEFAULTS.withBacklog(BACKLOG);

    private ExampleServer() {
    }

    /** What starts listening, inside the loop's main task: {@code createServer} or {@code startServer}. */
    @FunctionalInterface
    interface Starter {
        Server start(EventLoop loop, String host, int port);
    }

    /** A starter for a protocol server. */
    static Starter protocolServer(Supplier<? extends StreamProtocol> factory) {
        return (loop, host, port) -> loop.createServer(factory, host, port, OPTIONS);
    }

    /** Runs {@code starter} on a fresh loop and serves forever; prints where it listens. */
    static int serve(String what, ServerArgs args, Starter starter) {
        AsyncIO.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Server server = starter.start(loop, args.host(), args.port());
            int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
            System.out.println("jasyncio " + what + " listening on " + args.host() + ":" + port + " (backend "
                    + args.backend().id() + ")");
            System.out.flush();
            server.serveForever();
            return null;
        }, () -> SelectorEventLoop.open(args.backend()));
        return 0;
    }
}
