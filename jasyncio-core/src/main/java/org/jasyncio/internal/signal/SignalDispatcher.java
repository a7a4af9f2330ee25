package org.jasyncio.internal.signal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.loop.Signal;

import sun.misc.SignalHandler;

/**
 * The process-wide side of loop signal handlers: one JVM handler per signal, installed
 * when the first loop adds a handler for it and replaced by the previous one when the
 * last loop removes its handler (or closes).
 *
 * <p>Design note: a signal has one disposition per process, but asyncio's API is per
 * loop. Every loop with a handler for a signal is attached to the signal's
 * {@link Installation}; a delivery is forwarded to each of them (asyncio itself delivers
 * only to the loop that set the wakeup fd last; forwarding to all is what a program with
 * several loops expects). The JVM runs {@code sun.misc.Signal} handlers on a thread of
 * its own, one per delivery; the installation hands the signal to the loops through
 * {@code callSoonThreadsafe}, so the callbacks run on their loop threads. If something
 * installed its own handler over ours and later puts ours back, a delivery that reaches
 * no loop goes to the handler that was there before jasyncio.
 *
 * <p>Threading: attach and detach from any thread, serialized by {@link #LOCK}; delivery
 * on the JVM's signal threads.
 */
public final class SignalDispatcher {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");
    /** Guards {@link #INSTALLED} and every {@code sun.misc.Signal.handle} jasyncio makes for loops. */
    static final Object LOCK = new Object();
    private static final Map<Signal, Installation> INSTALLED = new EnumMap<>(Signal.class);
    /** The signals the JVM will not install a handler for while they are ignored. */
    private static final List<Signal> JVM_SHUTDOWN_SIGNALS = List.of(Signal.HUP, Signal.INT, Signal.TERM);

    private SignalDispatcher() {
    }

    /** The JVM handler jasyncio installs for one signal, and what it replaced. */
    private static final class Installation implements SignalHandler {
        final Signal signal;
        /** What was there before; set right after installing (a delivery before that finds a loop). */
        volatile SignalHandler previous = SignalHandler.SIG_DFL;
        final List<LoopSignalHandlers> loops = new CopyOnWriteArrayList<>();

        Installation(Signal signal) {
            this.signal = signal;
        }

        @Override
        public void handle(sun.misc.Signal jvmSignal) {
            boolean delivered = false;
            SignalHandler before = previous;
            for (LoopSignalHandlers loop : loops) {
                delivered |= loop.deliver(signal);
            }
            if (!delivered && before != SignalHandler.SIG_DFL && before != SignalHandler.SIG_IGN) {
                before.handle(jvmSignal);
            }
        }

        @Override
        public String toString() {
            return "jasyncio loop handler for " + signal.cName();
        }
    }

    /** Whether some loop of this process has a handler for {@code signal} now. */
    public static boolean handled(Signal signal) {
        synchronized (LOCK) {
            return INSTALLED.containsKey(signal);
        }
    }

    /**
     * Attaches {@code loop} to {@code signal}, installing the JVM handler if it is the first.
     *
     * @throws IllegalArgumentException if the signal cannot be handled (see {@link SignalRefusals})
     * @throws IllegalStateException if the signal is ignored since start and the ignoring
     *         cannot be lifted here
     */
    static void attach(Signal signal, LoopSignalHandlers loop) {
        synchronized (LOCK) {
            Installation installation = INSTALLED.get(signal);
            if (installation == null) {
                INSTALLED.put(signal, install(signal, loop));
            } else if (!installation.loops.contains(loop)) {
                installation.loops.add(loop);
            }
        }
    }

    /** Detaches {@code loop}; the last loop out puts the previous handler back. */
    static void detach(Signal signal, LoopSignalHandlers loop) {
        synchronized (LOCK) {
            Installation installation = INSTALLED.get(signal);
            if (installation == null || !installation.loops.remove(loop) || !installation.loops.isEmpty()) {
                return;
            }
            INSTALLED.remove(signal);
            sun.misc.Signal jvmSignal = new sun.misc.Signal(signal.name());
            SignalHandler current = sun.misc.Signal.handle(jvmSignal, installation.previous);
            if (current != installation) {
                // Someone installed a handler over ours: theirs stays. Should they put ours
                // back, it forwards to the handler that was there before jasyncio.
                sun.misc.Signal.handle(jvmSignal, current);
            }
        }
    }

    /** Installs the JVM handler for {@code signal} with {@code first} attached from the start. */
    private static Installation install(Signal signal, LoopSignalHandlers first) {
        SignalRefusals.refusal(signal).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        boolean ignoredAtStart = SignalDispositions.ignoredAtStart(signal);
        boolean lifted = JVM_SHUTDOWN_SIGNALS.contains(signal) && currentlyIgnored(signal);
        if (lifted) {
            liftIgnoring(signal);
        }
        sun.misc.Signal jvmSignal = new sun.misc.Signal(signal.name());
        Installation installation = new Installation(signal);
        installation.loops.add(first);
        SignalHandler replaced;
        try {
            replaced = sun.misc.Signal.handle(jvmSignal, installation);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException("the JVM refused to install a handler for " + signal.cName()
                    + ": it uses the signal itself, or was started with -Xrs (which leaves SIGHUP, SIGINT, SIGTERM "
                    + "and SIGQUIT to native code) (" + refused.getMessage() + ")", refused);
        }
        if (isNative(replaced)) {
            sun.misc.Signal.handle(jvmSignal, replaced);
            throw new IllegalArgumentException(signal.cName() + " is already handled by native code (the JVM or a "
                    + "native library: " + replaced + "); jasyncio does not replace native handlers");
        }
        installation.previous = lifted ? SignalHandler.SIG_IGN : replaced;
        if (ignoredAtStart) {
            LOG.log(System.Logger.Level.WARNING, signal.cName() + " was ignored when this process started (nohup, "
                    + "a background job, or trap ''); a loop's handler now receives it, and removing the handler "
                    + "restores the ignoring");
        }
        return installation;
    }

    private static boolean currentlyIgnored(Signal signal) {
        return SignalDispositions.nativeAvailable() ? Signals.disposition(signal.number()) == Signals.SIG_IGN
                : SignalDispositions.ignoredAtStart(signal);
    }

    /**
     * The JVM installs nothing for an ignored SIGHUP, SIGINT or SIGTERM (it keeps nohup's
     * promise for its own shutdown hooks). A loop handler is an explicit request, as
     * asyncio's {@code add_signal_handler} is, so the ignoring is reset to the default
     * first; removing the handler puts {@code SIG_IGN} back.
     */
    private static void liftIgnoring(Signal signal) {
        if (!SignalDispositions.nativeAvailable()) {
            throw new IllegalStateException(signal.cName() + " has been ignored since this process started (nohup or "
                    + "a background job), and the JVM installs no handler for SIGHUP, SIGINT or SIGTERM while they "
                    + "are ignored; lifting the ignoring needs jasyncio's native bindings, unavailable here: "
                    + org.jasyncio.internal.ffm.Native.unavailabilityCause().orElse("sigaction is missing")
                    + ". Start the process without ignoring the signal, or use another signal");
        }
        Signals.resetToDefault(signal.number());
    }

    /**
     * A handler the JVM reports as native: neither {@code SIG_DFL}, {@code SIG_IGN} nor a
     * Java object. {@code sun.misc.Signal} wraps it in a class of its own whose
     * {@code toString} is the JDK's {@code NativeHandler}'s; there is no other way to tell.
     */
    private static boolean isNative(SignalHandler handler) {
        return handler != SignalHandler.SIG_DFL && handler != SignalHandler.SIG_IGN
                && String.valueOf(handler).contains("NativeHandler");
    }
}
