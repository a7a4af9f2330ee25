package org.jasyncio.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Platform;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.ProbeResult;
import org.jasyncio.task.Future;
import org.junit.jupiter.api.Test;

/** The runner's verdicts, time bound and clean-up, with probes made up for the purpose. */
class ProbeRunnerTest {
    private static final Duration LIMIT = Duration.ofMillis(600);

    private static CapabilityMatrix.Row row(Capability capability) {
        return CapabilityMatrix.of(Platform.current()).row(Backend.NIO, capability).orElseThrow();
    }

    private static Probe probe(Capability capability, ProbeBody body) {
        return new Probe() {
            @Override
            public Capability capability() {
                return capability;
            }

            @Override
            public Observation run(EventLoop loop, ProbeResources resources) throws Exception {
                return body.run(loop, resources);
            }
        };
    }

    private interface ProbeBody {
        Probe.Observation run(EventLoop loop, ProbeResources resources) throws Exception;
    }

    @Test
    void aProbeThatHangsTimesOutWithinItsLimitAndStillCleansUp() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long start = System.nanoTime();
        ProbeResult r = ProbeRunner.runOne(row(Capability.ADD_READER_SOCKET),
                Optional.of(probe(Capability.ADD_READER_SOCKET, (loop, res) -> {
                    res.add(closed::countDown);
                    release.await(30, TimeUnit.SECONDS);
                    return Probe.Observation.worked("late");
                })), LIMIT);
        assertEquals(Outcome.TIMED_OUT, r.outcome());
        assertFalse(r.agrees());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
        release.countDown();
        assertTrue(closed.await(20, TimeUnit.SECONDS), "resources closed when the probe ends");
    }

    @Test
    void aCallbackThatNeverComesFailsTheProbeAndResourcesAreClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        ProbeResult r = ProbeRunner.runOne(row(Capability.ADD_READER_SOCKET),
                Optional.of(probe(Capability.ADD_READER_SOCKET, (loop, res) -> {
                    res.add(() -> closed.set(true));
                    Future<Void> never = loop.createFuture();
                    res.await(loop, never, "the test's callback");
                    return Probe.Observation.worked("unreachable");
                })), Duration.ofSeconds(2));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("the test's callback did not happen within"), r.detail());
        assertTrue(closed.get());
    }

    @Test
    void aRefusalWithAnotherExplanationContradictsTheMatrix() {
        CapabilityMatrix.Row refused = row(Capability.ADD_READER_PIPE);
        assertFalse(refused.supported());
        ProbeResult wrongText = ProbeRunner.runOne(refused, Optional.of(probe(Capability.ADD_READER_PIPE,
                (loop, res) -> {
                    throw new UnsupportedOperationException("some other reason");
                })), LIMIT);
        assertEquals(Outcome.FAILED, wrongText.outcome());
        assertFalse(wrongText.agrees());
        ProbeResult rightText = ProbeRunner.runOne(refused, Optional.of(probe(Capability.ADD_READER_PIPE,
                (loop, res) -> {
                    throw new UnsupportedOperationException("op: " + refused.reason());
                })), LIMIT);
        assertEquals(Outcome.REFUSED, rightText.outcome());
        assertTrue(rightText.agrees());
        ProbeResult wrongType = ProbeRunner.runOne(refused, Optional.of(probe(Capability.ADD_READER_PIPE,
                (loop, res) -> {
                    throw new IllegalArgumentException(refused.reason());
                })), LIMIT);
        assertEquals(Outcome.FAILED, wrongType.outcome());
    }

    @Test
    void aSupportedRowThatIsRefusedOrUnprobedIsReported() {
        CapabilityMatrix.Row supported = row(Capability.ADD_READER_SOCKET);
        assertTrue(supported.supported());
        ProbeResult refused = ProbeRunner.runOne(supported, Optional.of(probe(Capability.ADD_READER_SOCKET,
                (loop, res) -> {
                    throw new UnsupportedOperationException(supported.reason());
                })), LIMIT);
        assertEquals(Outcome.FAILED, refused.outcome());
        assertFalse(refused.agrees());
        ProbeResult unprobed = ProbeRunner.runOne(supported, Optional.empty(), LIMIT);
        assertEquals(Outcome.UNPROBED, unprobed.outcome());
        ProbeResult accepted = ProbeRunner.runOne(row(Capability.ADD_READER_REGULAR_FILE),
                Optional.of(probe(Capability.ADD_READER_REGULAR_FILE,
                        (loop, res) -> Probe.Observation.failed("accepted"))), LIMIT);
        assertFalse(accepted.agrees());
    }

    @Test
    void aProbeThatCannotSetUpIsNotRunAndAFeatureNotInTheBuildIsNotProvided() {
        ProbeResult notRun = ProbeRunner.runOne(row(Capability.ADD_READER_PIPE),
                Optional.of(probe(Capability.ADD_READER_PIPE, (loop, res) -> {
                    throw new ProbeSetupException("no pipes today");
                })), LIMIT);
        assertEquals(Outcome.NOT_RUN, notRun.outcome());
        assertEquals("no pipes today", notRun.detail());
        CapabilityMatrix.Row missing = CapabilityMatrix.of(Platform.current()).rows().stream()
                .filter(r -> r.reason().contains("no module of this jasyncio build")).findFirst().orElse(null);
        if (missing != null) {
            ProbeResult r = ProbeRunner.runOne(missing, Optional.empty(), LIMIT);
            assertEquals(Outcome.NOT_PROVIDED, r.outcome());
            assertTrue(r.agrees());
        }
    }
}
