package org.jasyncio.internal.probe;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Signal;
import org.jasyncio.task.Future;

/**
 * The probe of {@code addSignalHandler}: installs a handler for SIGWINCH, sends SIGWINCH
 * to this process with {@code kill(2)} (the {@code kill} command where jasyncio's native
 * bindings do not run), waits for the callback on the loop's thread and removes the
 * handler, checking with {@code sigaction} (where it can) that the disposition is back to
 * what it was.
 *
 * <p>Why SIGWINCH: the JVM does not use it (docs/signals.md), and its default action is
 * to ignore it, so a delivery that arrives after the handler is gone (a terminal being
 * resized meanwhile) does no harm; SIGUSR1's default would end the process.
 */
final class SignalProbe implements Probe {
    private static final Signal SIGNAL = Signal.WINCH;

    @Override
    public Capability capability() {
        return Capability.SIGNAL_HANDLERS;
    }

    @Override
    public Observation run(EventLoop loop, ProbeResources resources) {
        if (!SIGNAL.exists()) {
            throw new ProbeSetupException(SIGNAL.cName() + " does not exist on " + System.getProperty("os.name")
                    + "; the probe sends it to this process");
        }
        boolean sigaction = Native.isAvailable() && Signals.isAvailable();
        long before = sigaction ? Signals.disposition(SIGNAL.number()) : 0;
        Thread loopThread = Thread.currentThread();
        Thread[] ranOn = new Thread[1];
        Future<Void> delivered = loop.createFuture();
        loop.addSignalHandler(SIGNAL, () -> {
            ranOn[0] = Thread.currentThread();
            if (!delivered.done()) {
                delivered.setResult(null);
            }
        });
        resources.add(() -> loop.removeSignalHandler(SIGNAL));
        String how = sigaction ? "kill(2)" : sendWithKillCommand();
        if (sigaction) {
            Signals.kill(ProcessHandle.current().pid(), SIGNAL.number());
        }
        double ms = resources.await(loop, delivered, "the " + SIGNAL.cName() + " handler's callback");
        if (ranOn[0] != loopThread) {
            return Observation.failed("the callback ran on " + ranOn[0] + ", not on the loop's thread " + loopThread);
        }
        if (!loop.removeSignalHandler(SIGNAL)) {
            return Observation.failed("removeSignalHandler(" + SIGNAL.cName() + ") found no handler to remove");
        }
        if (!sigaction) {
            return Observation.worked(String.format("%s sent with %s, handled on the loop thread after %.2f ms; "
                    + "handler removed", SIGNAL.cName(), how, ms));
        }
        long after = Signals.disposition(SIGNAL.number());
        if (after != before) {
            return Observation.failed(String.format("the disposition of %s was %#x before the handler and is %#x "
                    + "after its removal", SIGNAL.cName(), before, after));
        }
        return Observation.worked(String.format("%s sent with %s, handled on the loop thread after %.2f ms; "
                + "handler removed, disposition restored", SIGNAL.cName(), how, ms));
    }

    /**
     * Where jasyncio's native bindings do not run (macOS, a JVM without native access):
     * the system's {@code kill} command sends the signal, waited for within a few seconds.
     */
    private static String sendWithKillCommand() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Process kill = new ProcessBuilder("kill", "-" + SIGNAL.name(), pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new ProbeSetupException("the kill command did not finish within 5 s");
            }
            if (kill.exitValue() != 0) {
                throw new ProbeSetupException("the kill command failed (exit " + kill.exitValue() + ")");
            }
            return "the kill command";
        } catch (IOException e) {
            throw new ProbeSetupException("this process cannot send itself a signal here: no native bindings ("
                    + Native.unavailabilityCause().orElse("no kill/sigaction") + ") and no kill command ("
                    + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeSetupException("interrupted while sending " + SIGNAL.cName(), e);
        }
    }
}
