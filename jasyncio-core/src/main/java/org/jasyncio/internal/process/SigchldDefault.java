package org.jasyncio.internal.process;

import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.loop.Platform;
import org.jasyncio.loop.Signal;

/**
 * Before the first child of this JVM starts: a SIGCHLD inherited as {@code SIG_IGN}
 * (a parent that ignored it, e.g. {@code signal(SIGCHLD, SIG_IGN)} before {@code exec})
 * is reset to its default. While SIGCHLD is ignored the kernel reaps children by itself:
 * {@code waitid} finds no child and the exit status is lost (asyncio then reports 255).
 * The JDK resets it too when its process machinery initializes (with HotSpot 25 that
 * happens already while a loop opens, strace shows), but nothing guarantees when; so the
 * reset is done here, explicitly, once, with a log line saying so.
 *
 * <p>Where the native bindings do not run (not Linux, or no native access) nothing is
 * done: the threaded strategy's {@code ProcessBuilder} takes care of it.
 */
final class SigchldDefault {
    private SigchldDefault() {
    }

    /** Class initialization runs the check exactly once, whichever thread asks first. */
    private static final class Once {
        static final boolean RESET = resetIfIgnored();
    }

    /**
     * Resets an ignored SIGCHLD to its default, the first time only; returns whether this
     * JVM found it ignored and reset it. Any thread.
     */
    static boolean ensure() {
        return Once.RESET;
    }

    private static boolean resetIfIgnored() {
        if (Platform.current().os() != Platform.Os.LINUX || !Native.isAvailable() || !Signals.isAvailable()) {
            return false;
        }
        int sigchld = Signal.CHLD.number();
        if (Signals.disposition(sigchld) != Signals.SIG_IGN) {
            return false;
        }
        Signals.resetToDefault(sigchld);
        System.getLogger("org.jasyncio").log(System.Logger.Level.INFO, "SIGCHLD was ignored when this JVM started "
                + "(inherited from its parent); reset to its default so that child processes can be reaped and "
                + "their exit status read");
        return true;
    }
}
