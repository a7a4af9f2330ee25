package org.jasyncio;

import java.time.Duration;

import org.jasyncio.internal.signal.JvmSignals;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * Child-JVM side of {@link CtrlCTest}: runs one scenario under {@code AsyncIO.run} and
 * prints markers the test waits for. Exit codes: 3 KeyboardInterruptException,
 * 4 CancelledException, 0 normal return, 2 SIGINT is ignored in this environment.
 */
public final class CtrlCMain {
    private CtrlCMain() {
    }

    public static void main(String[] args) {
        if (sigintIgnored()) {
            say("SIGINT-IGNORED");
            System.exit(2);
        }
        Coroutine<String> scenario = switch (args[0]) {
            case "sleep" -> CtrlCMain::longSleep;
            case "yield" -> CtrlCMain::busyYield;
            case "wait" -> CtrlCMain::waitForFuture;
            case "cancelled" -> CtrlCMain::alsoCancelledByTheProgram;
            case "stubborn" -> CtrlCMain::ignoresCancellation;
            case "handled" -> CtrlCMain::handlesSigintItself;
            default -> throw new IllegalArgumentException(args[0]);
        };
        try {
            String result = AsyncIO.run(scenario);
            say("RETURNED " + result);
            System.exit(0);
        } catch (KeyboardInterruptException e) {
            say("KEYBOARD_INTERRUPT cause=" + e.getCause().getClass().getSimpleName());
            System.exit(3);
        } catch (CancelledException e) {
            say("CANCELLED");
            System.exit(4);
        }
    }

    private static boolean sigintIgnored() {
        try {
            JvmSignals.install("INT", signal -> { }).restore();
            return false;
        } catch (IllegalStateException ignored) {
            return true;
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The main task sleeps; Ctrl-C cancels the sleep. */
    private static String longSleep() {
        say("READY");
        try {
            AsyncIO.sleep(Duration.ofSeconds(60));
        } catch (CancelledException e) {
            say("MAIN CANCELLED");
            throw e;
        }
        return "slept";
    }

    /** test_interrupt_call_soon: the main task never waits on a future, it only yields. */
    private static String busyYield() {
        say("READY");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                AsyncIO.sleep(0);
            }
        } catch (CancelledException e) {
            say("MAIN CANCELLED");
            throw e;
        }
        return "yielded";
    }

    /** test_interrupt_wait: the future the main task waits on is cancelled with it. */
    private static String waitForFuture() {
        Future<String> fut = AsyncIO.getRunningLoop().createFuture();
        say("READY");
        try {
            return fut.await();
        } catch (CancelledException e) {
            say("FUTURE CANCELLED " + fut.cancelled());
            throw e;
        }
    }

    /**
     * test_interrupt_cancelled_task: the program cancels its own main task, then Ctrl-C
     * arrives; the run ends with the program's CancelledException, not a keyboard interrupt.
     */
    private static String alsoCancelledByTheProgram() throws Exception {
        Task<?> main = Task.current();
        AsyncIO.createTask(Coroutine.of(() -> {
            AsyncIO.sleep(0);
            main.cancel();
        }));
        try {
            AsyncIO.sleep(Duration.ofSeconds(60));
        } catch (CancelledException byTheProgram) {
            say("READY");
            // Wait (bounded) for Ctrl-C: its cancellation interrupts this sleep.
            try {
                AsyncIO.sleep(Duration.ofSeconds(60));
            } catch (CancelledException byCtrlC) {
                say("SECOND CANCEL cancelling=" + main.cancelling());
            }
            throw byTheProgram;
        }
        return "not cancelled";
    }

    /** Ignores the first Ctrl-C; the second one goes to the JVM's handler, which exits. */
    private static String ignoresCancellation() {
        say("READY");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                AsyncIO.sleep(Duration.ofSeconds(60));
            } catch (CancelledException e) {
                say("IGNORED");
            }
        }
        return "gave up";
    }

    /**
     * The program adds its own SIGINT handler on the loop: the runner leaves Ctrl-C to it
     * (asyncio's Runner installs its handler only over the default one), so the main task
     * is not cancelled and returns what the handler gave it.
     */
    private static String handlesSigintItself() {
        var loop = AsyncIO.getRunningLoop();
        Future<String> interrupted = loop.createFuture();
        loop.addSignalHandler(org.jasyncio.loop.Signal.INT, () -> interrupted.setResult("handled by the program"));
        say("READY");
        String result = interrupted.await();
        loop.removeSignalHandler(org.jasyncio.loop.Signal.INT);
        return result;
    }
}
