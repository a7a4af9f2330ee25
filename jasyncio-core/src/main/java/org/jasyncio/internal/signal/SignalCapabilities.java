package org.jasyncio.internal.signal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.Capability;

/**
 * The signal feature's answer for {@link Capability#SIGNAL_HANDLERS}: supported wherever
 * the JVM's {@code sun.misc.Signal} (module {@code jdk.unsupported}) is present, on every
 * loop kind and backend, since delivery goes through {@code callSoonThreadsafe} and not
 * through the backend. Which signals may be handled is decided per signal
 * ({@link SignalRefusals}); on Windows only SIGINT and SIGTERM.
 */
public final class SignalCapabilities implements CapabilityProvider {
    private static final String MISSING = jvmSignalsMissing();

    @Override
    public Set<Capability> answers() {
        return EnumSet.of(Capability.SIGNAL_HANDLERS);
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        if (MISSING == null) {
            return Optional.empty();
        }
        return Optional.of(loop.describe() + " cannot handle signals: this Java runtime lacks the JVM's signal "
                + "API (" + MISSING + "); build the runtime image with jlink --add-modules jdk.unsupported");
    }

    @Override
    public String basis(Capability capability, LoopTraits loop) {
        return "the JVM's sun.misc.Signal, forwarded to the loop thread with callSoonThreadsafe";
    }

    private static String jvmSignalsMissing() {
        try {
            Class.forName("sun.misc.Signal", false, SignalCapabilities.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "sun.misc.Signal of module jdk.unsupported is not present: " + e;
        }
    }
}
