package org.jasyncio.bench.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.Version;
import io.netty.util.internal.PlatformDependent;
import java.util.Locale;
import java.util.Map;

/**
 * A Netty peer server for the network benchmark:
 * {@code NettyServer --port P --transport epoll|nio --mode echo|http [--host 127.0.0.1]},
 * or {@code NettyServer --version} to print the Netty artifact versions.
 *
 * <p>One event-loop thread accepts and serves every connection (fair against the
 * single-threaded servers it is compared with). Accepted sockets get TCP_NODELAY, like
 * every server in the harness.
 */
public final class NettyServer {
    private NettyServer() {
    }

    /** The transport: Netty's native epoll, or the JDK selector (NIO). */
    enum Transport {
        EPOLL, NIO;

        IoHandlerFactory ioHandlerFactory() {
            return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        }

        Class<? extends ServerChannel> serverChannelClass() {
            return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        }
    }

    /** What the server speaks. */
    enum Mode {
        ECHO, HTTP
    }

    /** The parsed command line. */
    record Options(String host, int port, Transport transport, Mode mode) {
        static Options parse(String[] args) {
            String host = "127.0.0.1";
            Integer port = null;
            Transport transport = null;
            Mode mode = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw usage("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--transport" -> transport = Transport.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--mode" -> mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                    default -> throw usage("unknown option " + name);
                }
            }
            if (port == null || transport == null || mode == null) {
                throw usage("--port, --transport and --mode are required");
            }
            return new Options(host, port, transport, mode);
        }
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "; usage: NettyServer --port P --transport epoll|nio --mode echo|http [--host 127.0.0.1]"
                + " | NettyServer --version");
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && args[0].equals("--version")) {
            for (Map.Entry<String, Version> e : Version.identify().entrySet()) {
                System.out.println(e.getKey() + " " + e.getValue().artifactVersion());
            }
            // Netty is fastest with sun.misc.Unsafe (--sun-misc-unsafe-memory-access=allow on
            // JDK 24+): the report states whether it had it.
            System.out.println("unsafe " + PlatformDependent.hasUnsafe());
            System.out.println("epoll " + (Epoll.isAvailable() ? "available" : "unavailable: " + Epoll.unavailabilityCause()));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("NettyServer: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.transport() == Transport.EPOLL && !Epoll.isAvailable()) {
            System.err.println("NettyServer: the native epoll transport is unavailable: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        run(options);
    }

    private static void run(Options options) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, options.transport().ioHandlerFactory());
        try {
            ChannelInitializer<SocketChannel> initializer = new ChannelInitializer<>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (options.mode() == Mode.ECHO) {
                        ch.pipeline().addLast(NettyEchoHandler.INSTANCE);
                    } else {
                        ch.pipeline().addLast(new HttpServerCodec(), NettyHttpHandler.INSTANCE);
                    }
                }
            };
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(options.transport().serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(options.host(), options.port())
                    .sync()
                    .channel();
            System.out.printf("NettyServer: %s over %s on %s:%d%n", options.mode(), options.transport(),
                    options.host(), options.port());
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
