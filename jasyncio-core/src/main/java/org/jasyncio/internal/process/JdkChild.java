package org.jasyncio.internal.process;

import java.util.concurrent.TimeUnit;

import org.jasyncio.internal.ffm.Spawn;
import org.jasyncio.loop.EventLoop;

/**
 * A child started with {@link ProcessBuilder}, watched by the JDK (asyncio's
 * {@code ThreadedChildWatcher}): {@code Process.onExit()} completes on a JDK thread once
 * the JDK's reaper has reaped the child, and hands the exit to the loop with
 * {@code callSoonThreadsafe}.
 *
 * <p>Return codes: the JDK reports a child ended by signal {@code s} as {@code 128 + s},
 * indistinguishable from {@code exit(128 + s)}. When this transport sent {@code s} itself
 * (terminate, kill, sendSignal) and the exit value is {@code 128 + s}, the return code is
 * asyncio's {@code -s}; otherwise it is the JDK's value.
 *
 * <p>Signals: SIGTERM and SIGKILL through {@code destroy}/{@code destroyForcibly};
 * others through {@code kill(2)} where the libc bindings are available (Linux), else
 * refused.
 */
final class JdkChild implements Child {
    private final EventLoop loop;
    private final Process process;
    private final ExitListener listener;
    private int lastSignal;
    private boolean done;

    JdkChild(EventLoop loop, Process process, ExitListener listener) {
        this.loop = loop;
        this.process = process;
        this.listener = listener;
        process.onExit().whenComplete((p, failure) -> Handoff.post(loop, this::exited));
    }

    @Override
    public int pid() {
        return (int) process.pid();
    }

    private void exited() {
        if (done) {
            return;
        }
        done = true;
        int code = process.exitValue();
        if (lastSignal != 0 && code == 128 + lastSignal) {
            code = -lastSignal;
        }
        listener.exited(code);
    }

    @Override
    public void sendSignal(int signal) {
        if (done || !process.isAlive()) {
            return;
        }
        switch (signal) {
            case Spawn.SIGTERM -> process.destroy();
            case Spawn.SIGKILL -> process.destroyForcibly();
            default -> {
                if (Spawn.unavailabilityCause().isPresent()) {
                    throw new UnsupportedOperationException("the threaded child watcher cannot send signal " + signal
                            + " on " + System.getProperty("os.name") + ": the JDK's Process sends only SIGTERM "
                            + "(terminate) and SIGKILL (kill), and kill(2) is unreachable because "
                            + Spawn.unavailabilityCause().get());
                }
                Spawn.kill(pid(), signal);
            }
        }
        lastSignal = signal;
    }

    @Override
    public void closeOnLoopClose() {
        if (done) {
            return;
        }
        done = true;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
