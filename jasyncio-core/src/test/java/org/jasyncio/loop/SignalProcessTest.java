package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.testing.ChildJvm;
import org.jasyncio.testing.SignalSender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signals from another process to a loop in a child JVM ({@link SignalMain}), on every
 * readiness backend: a stress run of 1,000 deliveries, and a process started with
 * signals ignored (nohup's SIGHUP, a {@code trap ''}). Linux (signals are sent with
 * {@code kill(2)} through the native bindings).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SignalProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int DELIVERIES = 1_000;

    @Parameter
    Backend backend;

    @BeforeAll
    static void linuxWithNativeAccess() {
        SignalSender.assumeAvailable();
    }

    /**
     * SIGUSR1 sent 1,000 times by this process runs the handler on the loop thread every
     * time. Signals of one kind coalesce while one is pending, so each kill waits for the
     * handler's acknowledgement (a line on the child's stdout) before the next.
     */
    @Test
    void everyDeliveryOfAThousandRunsTheHandlerOnTheLoopThread() throws Exception {
        try (ChildJvm child = ChildJvm.start(SignalMain.class, List.of(), "stress", backend.name(),
                Integer.toString(DELIVERIES))) {
            assertTrue(child.awaitLine("READY", WAIT), child.output());
            long start = System.nanoTime();
            for (int i = 1; i <= DELIVERIES; i++) {
                SignalSender.send(child.pid(), Signal.USR1);
                String ack = "ACK " + i + ";";
                assertTrue(child.awaitLine(ack, WAIT), "no " + ack + " from the child:\n" + tail(child.output()));
            }
            // Informational only (no timing assertion): the round trip kill -> handler -> ack.
            System.out.printf("%s: %d acknowledged SIGUSR1 round trips in %.0f ms%n", backend, DELIVERIES,
                    (System.nanoTime() - start) / 1e6);
            assertEquals(0, child.waitFor(WAIT), tail(child.output()));
            assertTrue(child.output().contains("DONE received=" + DELIVERIES + " offLoopThread=0"),
                    tail(child.output()));
        }
    }

    /**
     * A process started with SIGUSR1 and SIGHUP ignored (as under {@code nohup}): both are
     * reported as ignored at start, a handler added for each receives it anyway (for
     * SIGHUP the JVM alone would install nothing) with a warning in the log, and removing
     * the handlers restores {@code SIG_IGN}.
     */
    @Test
    void signalsIgnoredAtStartAreReportedHandledAndIgnoredAgainAfterRemoval() throws Exception {
        try (ChildJvm child = ChildJvm.startIgnoring(List.of("USR1", "HUP"), true, SignalMain.class, List.of(), "ignored",
                backend.name())) {
            assertTrue(child.awaitLine("READY", WAIT), child.output());
            assertTrue(child.output().contains("IGNORED_AT_START USR1=true HUP=true WINCH=false"), child.output());
            assertTrue(child.output().contains("SIGUSR1 was ignored when this process started"), child.output());
            assertTrue(child.output().contains("SIGHUP was ignored when this process started"), child.output());
            SignalSender.send(child.pid(), Signal.USR1);
            assertTrue(child.awaitLine("GOT USR1;", WAIT), child.output());
            SignalSender.send(child.pid(), Signal.HUP);
            assertTrue(child.awaitLine("GOT HUP;", WAIT), child.output());
            assertEquals(0, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("AFTER USR1=SIG_IGN HUP=SIG_IGN stillReported=true"), child.output());
        }
    }

    private static String tail(String output) {
        return output.length() <= 2_000 ? output : "..." + output.substring(output.length() - 2_000);
    }
}
