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

/**
 * The Unix-socket feature's answers. Path-bound stream sockets are the JDK's AF_UNIX
 * channels: every readiness backend, wherever the JDK opens them (Linux, macOS, Windows
 * 10 and later).
 */
public final class UnixCapabilities implements CapabilityProvider {
    private static final Set<Capability> ANSWERS = EnumSet.of(Capability.UNIX_SOCKETS);

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
        if (capability != Capability.UNIX_SOCKETS) {
            throw new IllegalArgumentException("not answered here: " + capability);
        }
        if (!loop.isReadiness()) {
            return Optional.of(loop.describe() + " has no Unix domain sockets yet: use a SelectorEventLoop, whose "
                    + "every backend serves and connects AF_UNIX paths");
        }
        if (JdkUnix.UNAVAILABLE != null) {
            return Optional.of(loop.describe() + " cannot use Unix domain sockets: " + JdkUnix.UNAVAILABLE
                    + "; use TCP on the loopback address instead (createServer(factory, \"127.0.0.1\", 0))");
        }
        return Optional.empty();
    }
}
