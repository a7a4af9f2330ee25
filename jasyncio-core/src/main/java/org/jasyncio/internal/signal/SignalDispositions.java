package org.jasyncio.internal.signal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.loop.Signal;

import sun.misc.SignalHandler;

/**
 * Whether a signal was ignored ({@code SIG_IGN}) when the process started.
 *
 * <p>Design note: a process inherits ignored signals from its parent ({@code nohup}
 * ignores SIGHUP; a non-interactive shell starts background jobs with SIGINT and SIGQUIT
 * ignored). The JVM leaves them so, and for SIGHUP, SIGINT and SIGTERM it even declines
 * to install a Java handler while they are ignored (it returns {@code SIG_IGN} and
 * installs nothing). Where the native bindings run (Linux), {@code sigaction(sig, NULL,
 * &old)} reads the disposition without touching it. Elsewhere the only probe is
 * {@code sun.misc.Signal.handle} itself: install a no-op, look at the previous handler,
 * put it back (a signal arriving in that instant is lost). Either way the first
 * observation is kept, and {@link SignalDispatcher} observes before it installs anything,
 * so later installs by jasyncio never change the answer.
 */
public final class SignalDispositions {
    private static final Map<Signal, Boolean> IGNORED_AT_START = new ConcurrentHashMap<>();

    private SignalDispositions() {
    }

    /** Whether {@code signal} was {@code SIG_IGN} when jasyncio first looked. Any thread. */
    public static boolean ignoredAtStart(Signal signal) {
        Boolean known = IGNORED_AT_START.get(signal);
        if (known != null) {
            return known;
        }
        // The dispatcher's lock first, always: a probe may install a handler, and the
        // dispatcher asks here while it holds that lock.
        synchronized (SignalDispatcher.LOCK) {
            return IGNORED_AT_START.computeIfAbsent(signal, SignalDispositions::probe);
        }
    }

    /** Whether this JVM can read and reset dispositions without installing handlers. */
    static boolean nativeAvailable() {
        return Native.isAvailable() && Signals.isAvailable();
    }

    private static boolean probe(Signal signal) {
        if (!signal.exists() || SignalRefusals.refusal(signal).isPresent()) {
            // Never probed with a handler: nothing of jasyncio's may sit on these even briefly.
            return nativeAvailable() && signal.exists() && Signals.disposition(signal.number()) == Signals.SIG_IGN;
        }
        if (nativeAvailable()) {
            return Signals.disposition(signal.number()) == Signals.SIG_IGN;
        }
        try {
            sun.misc.Signal jvmSignal = new sun.misc.Signal(signal.name());
            SignalHandler previous = sun.misc.Signal.handle(jvmSignal, s -> { });
            sun.misc.Signal.handle(jvmSignal, previous);
            return previous == SignalHandler.SIG_IGN;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
