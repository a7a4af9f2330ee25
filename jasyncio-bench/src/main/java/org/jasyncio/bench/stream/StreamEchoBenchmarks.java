package org.jasyncio.bench.stream;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.stream.StreamReader;
import org.jasyncio.stream.StreamWriter;
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
 * One echo exchange (a 1 KiB message there and back over loopback TCP) with the server
 * written two ways on the same loop: a plain {@link Protocol} that writes back what it
 * receives, and asyncio's streams idiom ({@code data = reader.read(65536);
 * writer.write(data); writer.drain()} in a task per connection). The clients are the same
 * callback protocol in both, {@link #CLIENTS} connections with one message in flight
 * each, so the difference between the two scores is what the streams layer costs per
 * request (one copy in, one copy out, a task wake-up). Reported as round trips per second
 * of the whole loop (client and server share its one thread).
 *
 * <p>Run with {@code java -jar jasyncio-bench/target/jasyncio-benchmarks.jar StreamEchoBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseParallelGC", "-Djdk.trackAllThreads=false"})
public class StreamEchoBenchmarks {
    static final int CLIENTS = 10;
    static final int ROUND_TRIPS_PER_CLIENT = 1000;
    static final int MESSAGE = 1024;

    @Param({"protocol", "streams"})
    public String server;

    private EventLoop loop;
    private Server srv;
    private int port;

    /** The server side as a plain protocol: echo what arrives. */
    static final class EchoProtocol implements Protocol {
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

    /** The server side as streams: asyncio's echo idiom. */
    static void echoStreams(StreamReader reader, StreamWriter writer) {
        byte[] data;
        while ((data = reader.read(65536)).length > 0) {
            writer.write(data);
            writer.drain();
        }
        writer.close();
    }

    /** A client with one message in flight: sends, waits for the whole echo, sends again. */
    static final class Client implements Protocol {
        private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE);
        private final Future<Void> done;
        private Transport transport;
        private int left;
        private int pending;

        Client(EventLoop loop, int roundTrips) {
            this.done = loop.createFuture();
            this.left = roundTrips;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        void send() {
            pending = MESSAGE;
            transport.write(message.clear());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            pending -= data.remaining();
            if (pending > 0) {
                return;
            }
            if (--left > 0) {
                send();
            } else {
                done.setResult(null);
            }
        }
    }

    @Setup(Level.Trial)
    public void start() {
        loop = SelectorEventLoop.open();
        srv = loop.runUntilComplete(() -> "streams".equals(server)
                ? Streams.startServer(StreamEchoBenchmarks::echoStreams, "127.0.0.1", 0)
                : loop.createServer(EchoProtocol::new, "127.0.0.1", 0));
        port = ((InetSocketAddress) loop.runUntilComplete(() -> srv.sockets().get(0).getLocalAddress())).getPort();
    }

    @TearDown(Level.Trial)
    public void stop() {
        loop.runUntilComplete(Coroutine.of(() -> {
            srv.close();
            srv.closeClients();
            srv.waitClosed();
        }));
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(CLIENTS * ROUND_TRIPS_PER_CLIENT)
    public int echo() {
        return loop.runUntilComplete(() -> {
            List<Client> clients = new ArrayList<>(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                Client c = new Client(loop, ROUND_TRIPS_PER_CLIENT);
                loop.createConnection(() -> c, "127.0.0.1", port);
                clients.add(c);
            }
            for (Client c : clients) {
                c.send();
            }
            for (Client c : clients) {
                c.done.await();
                c.transport.close();
            }
            AsyncIO.sleep(0);
            return clients.size();
        });
    }
}
