package org.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.testing.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C for real: a child JVM runs {@link CtrlCMain} under {@code AsyncIO.run}, the test
 * sends it SIGINT with {@code kill -INT}, and the run must end as asyncio's does
 * (Lib/test/test_asyncio/test_runners.py::RunnerTests::test_interrupt_*). POSIX only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CtrlCTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void posixOnly() {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "kill -INT needs a POSIX system");
    }

    /** Starts the scenario, waits for its READY line, sends SIGINT; returns the child to inspect. */
    private static ChildJvm interrupted(String scenario) throws Exception {
        ChildJvm child = ChildJvm.start(CtrlCMain.class, List.of(), scenario);
        boolean ready = child.awaitLine("READY", WAIT);
        assumeFalse(child.output().contains("SIGINT-IGNORED"),
                "SIGINT is ignored in this environment (nohup or a background job): it cannot be delivered");
        assertTrue(ready, "the child never got ready:\n" + child.output());
        child.signal("INT");
        return child;
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_interrupt_wait (a sleep): KeyboardInterruptException. */
    @Test
    void ctrlCDuringASleepEndsTheRunWithKeyboardInterrupt() throws Exception {
        try (ChildJvm child = interrupted("sleep")) {
            int exit = child.waitFor(WAIT);
            assertEquals(3, exit, child.output());
            assertTrue(child.output().contains("MAIN CANCELLED"), child.output());
            assertTrue(child.output().contains("KEYBOARD_INTERRUPT cause=CancelledException"), child.output());
        }
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_interrupt_wait: the awaited future is cancelled too. */
    @Test
    void ctrlCWhileAwaitingAFutureCancelsTheFuture() throws Exception {
        try (ChildJvm child = interrupted("wait")) {
            assertEquals(3, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("FUTURE CANCELLED true"), child.output());
        }
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_interrupt_call_soon: a task that only yields is interrupted too. */
    @Test
    void ctrlCInterruptsATaskThatOnlyYields() throws Exception {
        try (ChildJvm child = interrupted("yield")) {
            assertEquals(3, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("MAIN CANCELLED"), child.output());
        }
    }

    /**
     * Lib/test/test_asyncio/test_runners.py::RunnerTests::test_interrupt_cancelled_task:
     * when the program had cancelled its main task itself, Ctrl-C does not turn that
     * cancellation into a keyboard interrupt.
     */
    @Test
    void ctrlCOnAMainTaskTheProgramCancelledEndsCancelled() throws Exception {
        try (ChildJvm child = interrupted("cancelled")) {
            assertEquals(4, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("SECOND CANCEL cancelling=2"), child.output());
        }
    }

    /** A second Ctrl-C goes to the handler that was there before: the JVM's, which exits (130). */
    @Test
    void aSecondCtrlCReachesTheJvmsHandler() throws Exception {
        try (ChildJvm child = interrupted("stubborn")) {
            assertTrue(child.awaitLine("IGNORED", WAIT), child.output());
            child.signal("INT");
            assertEquals(130, child.waitFor(WAIT), child.output());
        }
    }

    /**
     * A program that adds its own SIGINT handler on the loop before Ctrl-C keeps it: the
     * main task is not cancelled (the runner checks when it starts a run, and the loop's
     * handler replaces the runner's for as long as it is installed).
     */
    @Test
    void aLoopHandlerForSigintTakesCtrlCInsteadOfTheRunner() throws Exception {
        try (ChildJvm child = interrupted("handled")) {
            assertEquals(0, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("RETURNED handled by the program"), child.output());
        }
    }
}
