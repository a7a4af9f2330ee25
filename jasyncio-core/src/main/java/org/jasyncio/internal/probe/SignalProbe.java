package org.jasyncio.internal.probe;

import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Signal;
import org.jasyncio.task.Future;

/**
 * The probe of {@code addSignalHandler}: installs a handler for SIGWINCH, sends SIGWINCH
 * to this process with {@code kill(2)}, waits for the callback on the loop's thread and
 * removes the handler, checking the disposition is back to what it was.
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
        boolean canSend = Native.isAvailable() && Signals.isAvailable();
        long before = canSend ? Signals.disposition(SIGNAL.number()) : 0;
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
        if (!canSend) {
            throw new ProbeSetupException("the handler was installed, but this process cannot send itself a signal "
                    + "here: " + Native.unavailabilityCause().orElse("the C library has no kill/sigaction"));
        }
        Signals.kill(ProcessHandle.current().pid(), SIGNAL.number());
        double ms = resources.await(loop, delivered, "the " + SIGNAL.cName() + " handler's callback");
        if (ranOn[0] != loopThread) {
            return Observation.failed("the callback ran on " + ranOn[0] + ", not on the loop's thread " + loopThread);
        }
        if (!loop.removeSignalHandler(SIGNAL)) {
            return Observation.failed("removeSignalHandler(" + SIGNAL.cName() + ") found no handler to remove");
        }
        long after = Signals.disposition(SIGNAL.number());
        if (after != before) {
            return Observation.failed(String.format("the disposition of %s was %#x before the handler and is %#x "
                    + "after its removal", SIGNAL.cName(), before, after));
        }
        return Observation.worked(String.format("%s sent with kill(2), handled on the loop thread after %.2f ms; "
                + "handler removed, disposition restored", SIGNAL.cName(), ms));
    }
}
