package org.jasyncio.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.UnixServerOptions;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.DatagramTransport;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * The probes of the Unix-socket feature: a stream server on a socket file (the file gone
 * once the server closes), the same on an abstract name, and a datagram round trip
 * between two AF_UNIX endpoints. Each sends "ping" and waits for it to come back; the
 * socket files live in a temporary directory removed when the probe ends.
 */
final class UnixProbes {
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private UnixProbes() {
    }

    static List<Probe> all() {
        return List.of(new PathStreamProbe(), new AbstractStreamProbe(), new DatagramRoundTripProbe());
    }

    /** A server protocol that sends back what it receives. */
    private static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(copy(data));
        }
    }

    /** A client protocol that completes {@code echoed} once it has as many bytes as it sent. */
    private static final class Collect implements Protocol {
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();
        private final Future<String> echoed;

        Collect(Future<String> echoed) {
            this.echoed = echoed;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            got.writeBytes(copy(data));
            if (got.size() >= PING.length && !echoed.done()) {
                echoed.setResult(got.toString(StandardCharsets.US_ASCII));
            }
        }
    }

    private static byte[] copy(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    /** A unique abstract name for this process and moment. */
    private static AbstractUnixAddress abstractName(String role) {
        return AbstractUnixAddress.of("jasyncio-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime()
                + "-" + role);
    }

    /**
     * Serves an echo on {@code address}, connects, sends "ping" and waits for it back, then
     * closes the client and the server; returns the milliseconds of the round trip.
     */
    private static Observation echo(EventLoop loop, ProbeResources resources, SocketAddress address, String what) {
        long start = System.nanoTime();
        String back = resources.run(loop, () -> {
            Server server = resources.add(loop.createUnixServer(Echo::new, address, UnixServerOptions.DEFAULTS));
            Future<String> echoed = loop.createFuture();
            Connection<Collect> client = loop.createUnixConnection(() -> new Collect(echoed), address);
            resources.add(() -> client.transport().abort());
            client.transport().write(PING);
            String got = echoed.await();
            client.transport().close();
            server.close();
            server.waitClosed();
            return got;
        }, "an echo over " + what);
        double ms = (System.nanoTime() - start) / 1e6;
        if (!back.equals("ping")) {
            return Observation.failed(what + " echoed '" + back + "', not 'ping'");
        }
        return Observation.worked(String.format("served, connected and echoed 4 bytes over %s in %.2f ms", what, ms));
    }

    /** createUnixServer on a socket file, createUnixConnection to it, an echo; the file removed on close. */
    static final class PathStreamProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.UNIX_SOCKETS;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            Path path = resources.tempDirectory().resolve("s.sock");
            Observation seen = echo(loop, resources, UnixDomainSocketAddress.of(path), "a socket file");
            if (seen.outcome() == org.jasyncio.platform.Outcome.SUPPORTED && Files.exists(path)) {
                return Observation.failed("the socket file " + path + " is still there after the server closed");
            }
            return seen.outcome() == org.jasyncio.platform.Outcome.SUPPORTED
                    ? Observation.worked(seen.detail() + "; file removed on close") : seen;
        }
    }

    /** The same echo on a name in the abstract namespace (no file at all). */
    static final class AbstractStreamProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.UNIX_ABSTRACT_NAMES;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            return echo(loop, resources, abstractName("stream"), "an abstract name");
        }
    }

    /** Two AF_UNIX datagram endpoints on socket files: "ping" one way, sent back the other. */
    static final class DatagramRoundTripProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.UNIX_DATAGRAM;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            Path dir = resources.tempDirectory();
            SocketAddress serverAddress = UnixDomainSocketAddress.of(dir.resolve("d.sock"));
            SocketAddress clientAddress = UnixDomainSocketAddress.of(dir.resolve("c.sock"));
            long start = System.nanoTime();
            String back = resources.run(loop, () -> {
                var server = loop.createUnixDatagramEndpoint(DatagramEcho::new,
                        serverAddress, null);
                resources.add(() -> server.transport().abort());
                Future<String> echoed = loop.createFuture();
                var client = loop.createUnixDatagramEndpoint(() -> new DatagramProtocol() {
                    @Override
                    public void datagramReceived(ByteBuffer data, SocketAddress from) {
                        if (!echoed.done()) {
                            echoed.setResult(StandardCharsets.US_ASCII.decode(data).toString());
                        }
                    }
                }, clientAddress, serverAddress);
                resources.add(() -> client.transport().abort());
                client.transport().sendto(PING);
                String got = echoed.await();
                client.transport().close();
                server.transport().close();
                return got;
            }, "a datagram round trip over AF_UNIX");
            double ms = (System.nanoTime() - start) / 1e6;
            if (!back.equals("ping")) {
                return Observation.failed("the datagram came back as '" + back + "', not 'ping'");
            }
            return Observation.worked(String.format("a 4-byte datagram there and back between two socket files "
                    + "in %.2f ms", ms));
        }
    }

    /** Sends each datagram back to its sender. */
    private static final class DatagramEcho implements DatagramProtocol {
        private DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport t) {
            transport = t;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            transport.sendto(copy(data), from);
        }
    }
}
