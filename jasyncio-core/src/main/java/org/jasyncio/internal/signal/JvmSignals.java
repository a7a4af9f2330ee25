package org.jasyncio.internal.signal;

import java.util.Locale;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** A thin facility over {@code sun.misc.Signal}: install, restore, explain refusals. */
public final class JvmSignals {
    private JvmSignals() {
    }

    /** What installing a handler gave: the handler that was there before. */
    public record Installed(String name, SignalHandler previous) {
        /** Puts the previous handler back. */
        public void restore() {
            Signal.handle(new Signal(name), previous);
        }
    }

    /**
     * Installs {@code handler} for the signal {@code name} ("INT", "TERM", ...).
     *
     * @throws IllegalArgumentException if the JVM owns the signal or the name is unknown
     * @throws IllegalStateException if the signal has been ignored since the process
     *         started (nohup, a background job): the OS would never deliver it
     */
    public static Installed install(String name, SignalHandler handler) {
        String bare = bareName(name);
        Signal signal = new Signal(bare);
        SignalHandler previous = Signal.handle(signal, handler);
        if (previous == SignalHandler.SIG_IGN) {
            Signal.handle(signal, SignalHandler.SIG_IGN);
            throw new IllegalStateException("SIG" + bare + " has been ignored since this process started (for "
                    + "example under nohup or as a background job without job control); the JVM does not "
                    + "install handlers for it, so it would never be delivered");
        }
        return new Installed(bare, previous);
    }

    /** "SIGINT", "sigint" and "INT" all name INT. */
    public static String bareName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("SIG") ? upper.substring(3) : upper;
    }
}
