package org.jasyncio.bench.unix;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.UnixServerOptions;
import org.jasyncio.stream.IncompleteReadException;
import org.jasyncio.stream.StreamPair;
import org.jasyncio.stream.Streams;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Echo round trips of a 64-byte message between a client and a server protocol in one
 * loop: over a Unix socket path, an abstract name, and TCP loopback for comparison; and
 * the path round trip with streams ({@link #unixPathStreams}).
 * {@code bench/python/unix_bench.py} runs the same scenario on asyncio and uvloop. Scores
 * are round trips per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseParallelGC"})
public class UnixEchoBenchmarks {
    public static final int ROUND_TRIPS = 20_000;
    static final int MESSAGE = 64;

    @Param({"epoll", "nio"})
    public String backend;

    private EventLoop loop;
    private Path dir;

    @Setup(Level.Trial)
    public void open() throws IOException {
        loop = SelectorEventLoop.open(Backend.valueOf(backend.toUpperCase(java.util.Locale.ROOT)));
        dir = Files.createTempDirectory(Path.of("/tmp"), "jxb");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        loop.close();
        Files.deleteIfExists(dir.resolve("s.sock"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int unixPath() {
        SocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s.sock"));
        return pingPong(l -> l.createUnixServer(Echo::new, address, UnixServerOptions.DEFAULTS),
                (l, s) -> l.createUnixConnection(() -> new Pinger(l), address).protocol());
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int unixAbstract() {
        SocketAddress address = AbstractUnixAddress.of("jasyncio-bench-" + ProcessHandle.current().pid());
        return pingPong(l -> l.createUnixServer(Echo::new, address, UnixServerOptions.DEFAULTS),
                (l, s) -> l.createUnixConnection(() -> new Pinger(l), address).protocol());
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int tcpLoopback() {
        return pingPong(l -> l.createServer(Echo::new, "127.0.0.1", 0), (l, s) -> {
            int port;
            try {
                port = ((java.net.InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return l.createConnection(() -> new Pinger(l), "127.0.0.1", port).protocol();
        });
    }

    /** The path round trip with streams: {@code Streams.startUnixServer} and {@code openUnixConnection}. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int unixPathStreams() {
        Path path = dir.resolve("s.sock");
        return loop.runUntilComplete((Coroutine<Integer>) () -> {
            Server server = Streams.startUnixServer((r, w) -> {
                try {
                    while (true) {
                        w.write(r.readexactly(MESSAGE));
                        w.drain();
                    }
                } catch (IncompleteReadException eof) {
                    w.close();
                }
            }, path);
            StreamPair s = Streams.openUnixConnection(path);
            byte[] message = new byte[MESSAGE];
            for (int i = 0; i < ROUND_TRIPS; i++) {
                s.writer().write(message);
                s.writer().drain();
                s.reader().readexactly(MESSAGE);
            }
            s.writer().close();
            s.writer().waitClosed();
            server.close();
            server.waitClosed();
            return ROUND_TRIPS;
        });
    }

    private int pingPong(Function<EventLoop, Server> serve,
            java.util.function.BiFunction<EventLoop, Server, Pinger> connect) {
        return loop.runUntilComplete((Coroutine<Integer>) () -> {
            Server server = serve.apply(loop);
            Pinger pinger = connect.apply(loop, server);
            pinger.start();
            int n = pinger.done.await();
            pinger.transport.close();
            server.close();
            return n;
        });
    }

    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }
    }

    static final class Pinger implements Protocol {
        final Future<Integer> done;
        private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE);
        Transport transport;
        private int received;
        private int trips;

        Pinger(EventLoop loop) {
            done = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        void start() {
            transport.write(message.clear());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received += data.remaining();
            while (received >= MESSAGE) {
                received -= MESSAGE;
                if (++trips == ROUND_TRIPS) {
                    done.setResult(trips);
                    return;
                }
                transport.write(message.clear());
            }
        }
    }
}
