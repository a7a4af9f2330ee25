package org.jasyncio.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.loop.Signal;

/**
 * Sends real signals from a test with {@code kill(2)} through jasyncio's native bindings
 * (Linux), and reads dispositions with {@code sigaction}. Tests that need it call
 * {@link #assumeAvailable()} first.
 */
public final class SignalSender {
    private SignalSender() {
    }

    /** Skips the test where the native bindings cannot run. */
    public static void assumeAvailable() {
        assumeTrue(Native.isAvailable() && Signals.isAvailable(), "needs the native bindings to send signals: "
                + Native.unavailabilityCause().orElse("no sigaction/kill"));
    }

    /** {@code kill(pid, signal)}. */
    public static void send(long pid, Signal signal) {
        Signals.kill(pid, signal.number());
    }

    /** Sends {@code signal} to this JVM. */
    public static void raise(Signal signal) {
        send(ProcessHandle.current().pid(), signal);
    }

    /** The handler word of {@code signal} now: {@code SIG_DFL} 0, {@code SIG_IGN} 1, or an address. */
    public static long disposition(Signal signal) {
        return Signals.disposition(signal.number());
    }
}
