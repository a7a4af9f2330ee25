package org.jasyncio.internal.probe;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.AbstractUnixAddress;
import org.jasyncio.net.UnixServerOptions;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.DatagramTransport;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * The probes of the Unix-socket capabilities: a stream server and client on a path (in a
 * temporary directory) and on an abstract name, echoing {@code ping}; a pair of AF_UNIX
 * datagram endpoints passing one datagram. The path probe also checks the socket file is
 * gone once the server closed ({@code cleanupSocket}).
 */
final class UnixProbes {
    private static final String PING = "ping";

    private UnixProbes() {
    }

    static List<Probe> all() {
        return List.of(new StreamProbe(Capability.UNIX_SOCKETS), new StreamProbe(Capability.UNIX_ABSTRACT_NAMES),
                new DatagramProbe());
    }

    /** A directory for the probe's socket files, removed with what is left in it when the probe ends. */
    private static Path socketDirectory(ProbeResources resources) {
        Path dir;
        try {
            dir = Files.createTempDirectory("jasyncio-probe");
        } catch (IOException e) {
            throw new ProbeSetupException("cannot make a temporary directory for the socket files: " + e.getMessage(),
                    e);
        }
        resources.add(() -> {
            try (Stream<Path> left = Files.list(dir)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        });
        return dir;
    }

    private static AbstractUnixAddress uniqueName() {
        return AbstractUnixAddress.of("jasyncio-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    private static String text(ByteBuffer data) {
        return StandardCharsets.US_ASCII.decode(data).toString();
    }

    /** Echoes what it receives: the server side. */
    private static final class Echo implements Protocol {
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

    /** Completes {@code received} with the first bytes it gets: the client side. */
    private record Receiver(Future<String> received) implements Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            if (!received.done()) {
                received.setResult(text(data));
            }
        }
    }

    /** Serves an echo on a path or an abstract name, connects, and waits for {@code ping} to come back. */
    static final class StreamProbe implements Probe {
        private final Capability capability;

        StreamProbe(Capability capability) {
            this.capability = capability;
        }

        @Override
        public Capability capability() {
            return capability;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            boolean abstractName = capability == Capability.UNIX_ABSTRACT_NAMES;
            Path file = abstractName ? null : socketDirectory(resources).resolve("s");
            SocketAddress address = abstractName ? uniqueName() : UnixDomainSocketAddress.of(file);
            Future<String> echoed = loop.createFuture();
            Server server = loop.runUntilComplete(() -> loop.createUnixServer(Echo::new, address,
                    UnixServerOptions.DEFAULTS));
            resources.add(server::close);
            Connection<Receiver> c = loop.runUntilComplete(() -> loop.createUnixConnection(
                    () -> new Receiver(echoed), address));
            resources.add(() -> c.transport().close());
            c.transport().write(PING.getBytes(StandardCharsets.US_ASCII));
            double ms = resources.await(loop, echoed, "the echo over a Unix socket");
            if (!PING.equals(echoed.result())) {
                return Observation.failed("the echo server sent back '" + echoed.result() + "', not 'ping'");
            }
            c.transport().close();
            loop.runUntilComplete(() -> {
                server.close();
                server.waitClosed();
                return null;
            });
            if (file != null && Files.exists(file)) {
                return Observation.failed("the socket file " + file + " is still there after the server closed");
            }
            return Observation.worked(String.format("echo over %s in %.2f ms%s",
                    abstractName ? "an abstract name" : "a socket file", ms,
                    abstractName ? "" : "; the file removed when the server closed"));
        }
    }

    /** Sends one datagram from an endpoint connected to another's path. */
    static final class DatagramProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.UNIX_DATAGRAM;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            Path dir = socketDirectory(resources);
            SocketAddress target = UnixDomainSocketAddress.of(dir.resolve("in"));
            Future<String> received = loop.createFuture();
            DatagramProtocol receiver = new DatagramProtocol() {
                @Override
                public void datagramReceived(ByteBuffer data, SocketAddress from) {
                    if (!received.done()) {
                        received.setResult(text(data));
                    }
                }
            };
            DatagramEndpoint<DatagramProtocol> in = loop.runUntilComplete(
                    () -> loop.createUnixDatagramEndpoint(() -> receiver, target, null));
            resources.add(() -> in.transport().close());
            DatagramEndpoint<DatagramProtocol> out = loop.runUntilComplete(() -> loop.createUnixDatagramEndpoint(
                    () -> new DatagramProtocol() { }, UnixDomainSocketAddress.of(dir.resolve("out")), target));
            DatagramTransport sender = out.transport();
            resources.add(sender::close);
            sender.sendto(PING.getBytes(StandardCharsets.US_ASCII));
            double ms = resources.await(loop, received, "a datagram over an AF_UNIX socket");
            if (!PING.equals(received.result())) {
                return Observation.failed("the datagram held '" + received.result() + "', not 'ping'");
            }
            return Observation.worked(String.format("a datagram between two socket files in %.2f ms", ms));
        }
    }
}
