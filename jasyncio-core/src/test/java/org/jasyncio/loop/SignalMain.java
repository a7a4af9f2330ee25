package org.jasyncio.loop;

import java.time.Duration;

import org.jasyncio.internal.ffm.Signals;

/**
 * Child-JVM side of {@link SignalProcessTest}: a loop that handles signals sent by the
 * test process, printing markers the test waits for. Exit code 0 when the scenario ran
 * to its end.
 */
public final class SignalMain {
    private static final Duration GUARD = Duration.ofSeconds(50);

    private SignalMain() {
    }

    public static void main(String[] args) {
        Backend backend = Backend.valueOf(args[1]);
        switch (args[0]) {
            case "stress" -> stress(backend, Integer.parseInt(args[2]));
            case "ignored" -> ignored(backend);
            case "fallback" -> withoutNativeAccess(backend);
            case "xrs" -> reducedSignalUsage(backend);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Acknowledges each SIGUSR1 from the loop thread; stops after {@code count}. */
    private static void stress(Backend backend, int count) {
        try (EventLoop loop = SelectorEventLoop.open(backend)) {
            Thread loopThread = Thread.currentThread();
            int[] received = {0};
            int[] elsewhere = {0};
            loop.addSignalHandler(Signal.USR1, () -> {
                received[0]++;
                if (Thread.currentThread() != loopThread) {
                    elsewhere[0]++;
                }
                say("ACK " + received[0] + ";");
                if (received[0] == count) {
                    loop.stop();
                }
            });
            TimerHandle guard = loop.callLater(GUARD, loop::stop);
            say("READY");
            loop.runForever();
            guard.cancel();
            say("DONE received=" + received[0] + " offLoopThread=" + elsewhere[0]);
        }
        System.exit(0);
    }

    /** Started with SIGUSR1 and SIGHUP ignored: reports, handles both, restores the ignoring. */
    private static void ignored(Backend backend) {
        say("IGNORED_AT_START USR1=" + Signal.USR1.ignoredAtStart() + " HUP=" + Signal.HUP.ignoredAtStart()
                + " WINCH=" + Signal.WINCH.ignoredAtStart());
        try (EventLoop loop = SelectorEventLoop.open(backend)) {
            boolean[] got = new boolean[2];
            loop.addSignalHandler(Signal.USR1, () -> {
                got[0] = true;
                say("GOT USR1;");
                stopWhenBoth(loop, got);
            });
            loop.addSignalHandler(Signal.HUP, () -> {
                got[1] = true;
                say("GOT HUP;");
                stopWhenBoth(loop, got);
            });
            TimerHandle guard = loop.callLater(GUARD, loop::stop);
            say("READY");
            loop.runForever();
            guard.cancel();
            loop.removeSignalHandler(Signal.USR1);
            loop.removeSignalHandler(Signal.HUP);
            say("AFTER USR1=" + ignoredNow(Signal.USR1) + " HUP=" + ignoredNow(Signal.HUP)
                    + " stillReported=" + Signal.USR1.ignoredAtStart());
        }
        System.exit(0);
    }

    /**
     * No native access, SIGUSR1 and SIGHUP ignored at start: both are still reported
     * (probed through sun.misc.Signal); USR1 is handled; HUP cannot be (the JVM installs
     * nothing for an ignored SIGHUP and the ignoring cannot be lifted without FFM).
     */
    private static void withoutNativeAccess(Backend backend) {
        say("IGNORED_AT_START USR1=" + Signal.USR1.ignoredAtStart() + " HUP=" + Signal.HUP.ignoredAtStart()
                + " WINCH=" + Signal.WINCH.ignoredAtStart());
        try (EventLoop loop = SelectorEventLoop.open(backend)) {
            try {
                loop.addSignalHandler(Signal.HUP, () -> { });
                say("HUP ACCEPTED");
            } catch (IllegalStateException refused) {
                say("HUP REFUSED: " + refused.getMessage());
            }
            loop.addSignalHandler(Signal.USR1, () -> {
                say("GOT USR1;");
                loop.stop();
            });
            TimerHandle guard = loop.callLater(GUARD, loop::stop);
            say("READY");
            loop.runForever();
            guard.cancel();
            loop.removeSignalHandler(Signal.USR1);
            sun.misc.Signal usr1 = new sun.misc.Signal("USR1");
            sun.misc.SignalHandler now = sun.misc.Signal.handle(usr1, sun.misc.SignalHandler.SIG_IGN);
            say("AFTER USR1=" + (now == sun.misc.SignalHandler.SIG_IGN ? "SIG_IGN" : now.toString()));
        }
        System.exit(0);
    }

    /** Under -Xrs the JVM refuses SIGINT/SIGTERM; other signals still work. */
    private static void reducedSignalUsage(Backend backend) {
        try (EventLoop loop = SelectorEventLoop.open(backend)) {
            for (Signal s : new Signal[] {Signal.INT, Signal.TERM}) {
                try {
                    loop.addSignalHandler(s, () -> { });
                    say(s + " ACCEPTED");
                } catch (IllegalArgumentException refused) {
                    say(s + " REFUSED: " + refused.getMessage());
                }
            }
            loop.addSignalHandler(Signal.USR1, () -> { });
            say("USR1 ACCEPTED " + loop.removeSignalHandler(Signal.USR1));
        }
        System.exit(0);
    }

    private static void stopWhenBoth(EventLoop loop, boolean[] got) {
        if (got[0] && got[1]) {
            loop.stop();
        }
    }

    private static String ignoredNow(Signal signal) {
        return Signals.disposition(signal.number()) == Signals.SIG_IGN ? "SIG_IGN" : "not-ignored";
    }
}
