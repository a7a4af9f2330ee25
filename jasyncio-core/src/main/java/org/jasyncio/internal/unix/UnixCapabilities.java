package org.jasyncio.internal.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Platform;

/**
 * The Unix-socket feature's answers. Path-bound stream sockets are the JDK's AF_UNIX
 * channels: every readiness backend, wherever the JDK opens them (Linux, macOS, Windows
 * 10 and later).
 */
public final class UnixCapabilities implements CapabilityProvider {
    private static final Set<Capability> ANSWERS = EnumSet.of(Capability.UNIX_SOCKETS,
            Capability.UNIX_ABSTRACT_NAMES, Capability.UNIX_DATAGRAM);

    /** Whether this JVM opens AF_UNIX stream channels; probed once. */
    private static final class JdkUnix {
        static final String UNAVAILABLE = probe();

        private static String probe() {
            try (SocketChannel ignored = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return null;
            } catch (IOException | UnsupportedOperationException e) {
                return "the JDK cannot open AF_UNIX sockets on " + System.getProperty("os.name") + " ("
                        + e.getMessage() + "; Windows needs version 10 or later)";
            }
        }
    }

    @Override
    public Set<Capability> answers() {
        return ANSWERS;
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        return switch (capability) {
            case UNIX_SOCKETS -> unixSockets(loop);
            case UNIX_ABSTRACT_NAMES -> unixSockets(loop).or(() -> abstractNames(loop));
            case UNIX_DATAGRAM -> unixSockets(loop).or(() -> datagrams(loop));
            default -> throw new IllegalArgumentException("not answered here: " + capability);
        };
    }

    /**
     * Abstract names: Linux only; the socket is made through FFM and handed to the JDK as
     * a channel, so every backend serves it once the bindings and the channel hand-over
     * work in this JVM. Answered from the traits' platform (the matrix of another platform
     * is what the code would say there); this JVM's bindings are asked only for its own.
     */
    private static Optional<String> abstractNames(LoopTraits loop) {
        if (loop.os() != Platform.Os.LINUX) {
            return Optional.of(loop.describe() + " has no abstract socket namespace: it is a Linux feature; bind "
                    + "the Unix socket to a path instead");
        }
        if (!loop.platform().isCurrent()) {
            return Optional.empty();
        }
        Optional<String> cause = org.jasyncio.internal.ffm.Native.unavailabilityCause()
                .or(ChannelAdoption::unavailabilityCause);
        return cause.map(c -> loop.describe() + " cannot use abstract socket names here: " + c
                + "; bind the Unix socket to a path instead");
    }

    /**
     * AF_UNIX datagrams: the JDK has no channel for them ({@code DatagramChannel} refuses
     * the UNIX family), so they are raw descriptors made through FFM (Linux), watched by
     * a backend that watches raw descriptors.
     */
    private static Optional<String> datagrams(LoopTraits loop) {
        if (loop.os() != Platform.Os.LINUX) {
            return Optional.of(loop.describe() + " has no AF_UNIX datagram endpoints: the JDK has no channel for "
                    + "them and jasyncio's raw-socket bindings are written for Linux; use a Unix stream "
                    + "connection (createUnixConnection) or UDP on the loopback address");
        }
        Optional<String> cause = loop.platform().isCurrent() ? org.jasyncio.internal.ffm.Native.unavailabilityCause()
                : Optional.empty();
        if (cause.isPresent()) {
            return Optional.of(loop.describe() + " cannot open AF_UNIX datagram sockets: " + cause.get());
        }
        if (!loop.rawDescriptors()) {
            return Optional.of(loop.describe() + " watches JDK channels only, and the JDK has no AF_UNIX datagram "
                    + "channel: open the loop on a backend that watches raw descriptors (SelectorEventLoop.open("
                    + "Backend.EPOLL), or POLL, SELECT), or use a Unix stream connection on this one");
        }
        return Optional.empty();
    }

    @Override
    public String basis(Capability capability, LoopTraits loop) {
        return switch (capability) {
            case UNIX_SOCKETS -> "the JDK's AF_UNIX channels, watched by the " + loop.backend().id() + " backend";
            case UNIX_ABSTRACT_NAMES -> "a socket bound through FFM and handed to the JDK as a channel";
            case UNIX_DATAGRAM -> "raw AF_UNIX datagram descriptors (FFM) watched by the " + loop.backend().id()
                    + " backend";
            default -> CapabilityProvider.super.basis(capability, loop);
        };
    }

    private static Optional<String> unixSockets(LoopTraits loop) {
        if (!loop.isReadiness()) {
            return Optional.of(loop.describe() + " has no Unix domain sockets yet: use a SelectorEventLoop, whose "
                    + "every backend serves and connects AF_UNIX paths");
        }
        if (loop.platform().isCurrent() && JdkUnix.UNAVAILABLE != null) {
            return Optional.of(loop.describe() + " cannot use Unix domain sockets: " + JdkUnix.UNAVAILABLE
                    + "; use TCP on the loopback address instead (createServer(factory, \"127.0.0.1\", 0))");
        }
        return Optional.empty();
    }
}
