package org.jasyncio.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Signal;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.PlatformReport;
import org.jasyncio.platform.ProbeResult;
import org.jasyncio.task.Future;
import org.junit.jupiter.api.Test;

/**
 * What the Unix-socket and signal probes leave behind: no temporary directory or socket
 * file, the signal's disposition as it was; and the bound on an awaiting probe.
 */
class ProbeCleanupTest {

    @Test
    void theUnixAndSignalProbesLeaveNoFilesAndNoHandlerBehind() throws IOException {
        assumeTrue(Native.isAvailable() && Signals.isAvailable(), "reads the disposition with sigaction");
        long before = Signals.disposition(Signal.WINCH.number());
        PlatformReport report = ProbeRunner.run(List.of(Capability.UNIX_SOCKETS, Capability.UNIX_ABSTRACT_NAMES,
                Capability.UNIX_DATAGRAM, Capability.SIGNAL_HANDLERS), Duration.ofSeconds(10));
        for (ProbeResult r : report.results()) {
            assertTrue(r.agrees(), r.backend().id() + " " + r.capability() + ": " + r.detail());
        }
        assertEquals(before, Signals.disposition(Signal.WINCH.number()), "SIGWINCH's disposition restored");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> left = Files.list(tmp)) {
            List<Path> ours = left.filter(p -> p.getFileName().toString().startsWith(ProbeResources.tempPrefix()))
                    .toList();
            assertTrue(ours.isEmpty(), "left behind: " + ours);
        }
    }

    @Test
    void theSubprocessProbesLeaveNoChildBehind() {
        Set<Long> before = children();
        PlatformReport report = ProbeRunner.run(List.of(Capability.SUBPROCESSES, Capability.PIDFD_CHILD_WATCHER),
                Duration.ofSeconds(10));
        for (ProbeResult r : report.results()) {
            assertTrue(r.agrees(), r.backend().id() + " " + r.capability() + ": " + r.detail());
        }
        Set<Long> left = children();
        left.removeAll(before);
        assertTrue(left.isEmpty(), "children left (running or zombies): " + left);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    @Test
    void aProbeThatFailsStillRemovesItsTemporaryDirectory() {
        Path[] made = new Path[1];
        ProbeResult r = ProbeRunner.runOne(nioRow(Capability.UNIX_SOCKETS), java.util.Optional.of(new Probe() {
            @Override
            public Capability capability() {
                return Capability.UNIX_SOCKETS;
            }

            @Override
            public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
                made[0] = resources.tempDirectory();
                Files.writeString(made[0].resolve("s.sock"), "in the way");
                throw new IllegalStateException("the test's failure");
            }
        }), Duration.ofSeconds(2));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("the test's failure"), r.detail());
        assertTrue(made[0].getFileName().toString().startsWith(ProbeResources.tempPrefix()), made[0].toString());
        assertFalse(Files.exists(made[0]), made[0] + " removed");
    }

    private static org.jasyncio.loop.CapabilityMatrix.Row nioRow(Capability capability) {
        return org.jasyncio.loop.CapabilityMatrix.of(org.jasyncio.loop.Platform.current())
                .row(org.jasyncio.loop.Backend.NIO, capability).orElseThrow();
    }

    @Test
    void anAwaitingProbeThatNeverFinishesIsCancelledAtTheWaitLimit() {
        ProbeResult r = ProbeRunner.runOne(nioRow(Capability.UNIX_SOCKETS), java.util.Optional.of(new Probe() {
            @Override
            public Capability capability() {
                return Capability.UNIX_SOCKETS;
            }

            @Override
            public Observation run(EventLoop loop, ProbeResources resources) {
                return resources.run(loop, () -> {
                    Future<Observation> never = loop.createFuture();
                    return never.await();
                }, "the test's echo");
            }
        }), Duration.ofSeconds(2));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("the test's echo did not happen within 1000 ms"), r.detail());
        assertFalse(r.agrees());
    }
}
