package org.jasyncio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.loop.Platform;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.testing.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capability matrix held against the code on this machine: every row the matrix
 * claims supported is run and must work; every row it refuses must be refused with the
 * documented error (or name a feature this build lacks). The probes are the same ones
 * {@code jasyncio platform} runs.
 */
class MatrixAgainstTheCodeTest {
    private static PlatformReport report;

    @BeforeAll
    static void probeOnce() {
        report = PlatformReport.probe();
    }

    @Test
    void everyProbeAgreesWithTheMatrix() {
        String wrong = report.contradictions().stream()
                .map(r -> r.backend().id() + " " + r.capability() + ": " + r.outcome().id() + " - " + r.detail())
                .collect(Collectors.joining("\n"));
        assertTrue(report.agrees(), wrong);
    }

    @Test
    void everySupportedRowWasRunAndWorked() {
        for (ProbeResult r : report.results()) {
            if (r.supported()) {
                assertEquals(Outcome.SUPPORTED, r.outcome(), r.backend().id() + " " + r.capability() + ": "
                        + r.detail() + " (a capability the loop claims needs a probe in internal.probe)");
            }
        }
    }

    @Test
    void everyRefusedRowWasRefusedWithItsDocumentedErrorOrIsNotInThisBuild() {
        for (ProbeResult r : report.results()) {
            if (!r.supported()) {
                String where = r.backend().id() + " " + r.capability() + ": " + r.detail();
                switch (r.outcome()) {
                    case REFUSED -> assertFalse(r.detail().isBlank(), where);
                    case NOT_PROVIDED -> assertTrue(r.reason().contains("no module of this jasyncio build"), where);
                    case NOT_RUN -> assertTrue(r.detail().contains("no probe"), where);
                    default -> throw new AssertionError("refused row seen as " + r.outcome() + ": " + where);
                }
            }
        }
    }

    @Test
    void everyAvailableBackendAndCapabilityIsProbedInOrder() {
        List<Backend> available = Backends.readiness().toList();
        assertEquals(available, report.probedBackends());
        assertEquals(available.size() * Capability.values().length, report.results().size());
        CapabilityMatrix matrix = CapabilityMatrix.of(Platform.current());
        for (ProbeResult r : report.results()) {
            CapabilityMatrix.Row row = matrix.row(r.backend(), r.capability()).orElseThrow();
            assertEquals(row.supported(), r.supported());
            assertEquals(row.reason(), r.reason());
        }
    }

    /** The done-when of issue 7 on a Linux machine with the FFM backends. */
    @Test
    void onLinuxEverySeedRowOfTheFdFeatureIsSupportedAndRegularFilesAreRefused() {
        assumeTrue(Platform.current().os() == Platform.Os.LINUX && Backend.EPOLL.isAvailable(), "Linux with epoll");
        for (Backend backend : List.of(Backend.EPOLL, Backend.POLL, Backend.SELECT)) {
            for (Capability c : List.of(Capability.ADD_READER_SOCKET, Capability.ADD_READER_PIPE,
                    Capability.ADD_READER_CHARACTER_DEVICE, Capability.RAW_FILE_DESCRIPTORS, Capability.FINE_CLOCK)) {
                assertEquals(Outcome.SUPPORTED, outcome(backend, c), backend + " " + c);
            }
            assertEquals(Outcome.REFUSED, outcome(backend, Capability.ADD_READER_REGULAR_FILE), backend.id());
        }
        assertEquals(Outcome.REFUSED, outcome(Backend.SELECT, Capability.UNLIMITED_DESCRIPTORS));
        assertEquals(Outcome.SUPPORTED, outcome(Backend.EPOLL, Capability.UNLIMITED_DESCRIPTORS));
        assertEquals(Outcome.SUPPORTED, outcome(Backend.NIO, Capability.UNLIMITED_DESCRIPTORS));
        assertEquals(Outcome.REFUSED, outcome(Backend.NIO, Capability.ADD_READER_PIPE));
        assertTrue(report.clockResolutionNanos() > 0 && report.clockResolutionNanos() <= 1_000_000);
    }

    /**
     * The Unix-socket and signal rows of issue 7, run live on Linux: a server on a socket
     * file and on an abstract name, an AF_UNIX datagram round trip where the backend
     * watches raw descriptors (refused on nio with the matrix's explanation), a signal
     * handled on the loop thread on every backend.
     */
    @Test
    void onLinuxUnixSocketsAndSignalsAreRunOnEveryBackend() {
        assumeTrue(Platform.current().os() == Platform.Os.LINUX && Backend.EPOLL.isAvailable(), "Linux with epoll");
        for (Backend backend : Backends.readiness().toList()) {
            for (Capability c : List.of(Capability.UNIX_SOCKETS, Capability.UNIX_ABSTRACT_NAMES,
                    Capability.SIGNAL_HANDLERS)) {
                assertEquals(Outcome.SUPPORTED, outcome(backend, c), backend + " " + c + ": " + detail(backend, c));
            }
            Outcome datagrams = outcome(backend, Capability.UNIX_DATAGRAM);
            assertEquals(backend == Backend.NIO ? Outcome.REFUSED : Outcome.SUPPORTED, datagrams,
                    backend + ": " + detail(backend, Capability.UNIX_DATAGRAM));
        }
        assertTrue(detail(Backend.EPOLL, Capability.UNIX_SOCKETS).contains("file removed on close"));
        assertTrue(detail(Backend.EPOLL, Capability.SIGNAL_HANDLERS).contains("disposition restored"));
        String refused = detail(Backend.NIO, Capability.UNIX_DATAGRAM);
        String reason = CapabilityMatrix.of(Platform.current()).row(Backend.NIO, Capability.UNIX_DATAGRAM)
                .orElseThrow().reason();
        assertTrue(refused.contains(reason), refused);
    }

    /**
     * The subprocess rows run live: cat started with pipes on every backend; the child
     * watcher is the pidfd one exactly where the matrix says so (no helper thread, a
     * pidfd held), the threaded one elsewhere, with the matrix's explanation.
     */
    @Test
    void subprocessesRunOnEveryBackendWithTheChildWatcherTheMatrixNames() {
        CapabilityMatrix matrix = CapabilityMatrix.of(Platform.current());
        for (Backend backend : Backends.readiness().toList()) {
            assertEquals(Outcome.SUPPORTED, outcome(backend, Capability.SUBPROCESSES),
                    backend + ": " + detail(backend, Capability.SUBPROCESSES));
            CapabilityMatrix.Row pidfd = matrix.row(backend, Capability.PIDFD_CHILD_WATCHER).orElseThrow();
            String seen = detail(backend, Capability.PIDFD_CHILD_WATCHER);
            if (pidfd.supported()) {
                assertEquals(Outcome.SUPPORTED, outcome(backend, Capability.PIDFD_CHILD_WATCHER), seen);
                assertTrue(seen.contains("child watcher PIDFD") && seen.contains("no helper thread"), seen);
                assertTrue(detail(backend, Capability.SUBPROCESSES).endsWith("child watcher PIDFD"), seen);
            } else {
                assertEquals(Outcome.REFUSED, outcome(backend, Capability.PIDFD_CHILD_WATCHER), seen);
                assertTrue(seen.contains("child watcher THREADED") && seen.contains(pidfd.reason()), seen);
            }
        }
        if (Platform.current().os() == Platform.Os.LINUX && Backend.EPOLL.isAvailable()) {
            assertFalse(matrix.row(Backend.NIO, Capability.PIDFD_CHILD_WATCHER).orElseThrow().supported());
        }
    }

    /**
     * {@code -Djasyncio.childWatcher=pidfd} where a loop cannot watch pidfds (nio): the
     * matrix refuses subprocesses there, and starting one throws that explanation.
     */
    @Test
    void aForcedPidfdWatcherRefusesSubprocessesWhereTheMatrixSays() {
        assumeTrue(System.getProperty("jasyncio.childWatcher") == null, "the property is not set for this run");
        System.setProperty("jasyncio.childWatcher", "pidfd");
        try {
            PlatformReport forced = PlatformReport.probe(List.of(Capability.SUBPROCESSES),
                    PlatformReport.DEFAULT_PROBE_LIMIT);
            assertTrue(forced.agrees(), forced.contradictions().toString());
            ProbeResult nio = forced.results().stream().filter(r -> r.backend() == Backend.NIO).findFirst()
                    .orElseThrow();
            assertFalse(nio.supported());
            assertEquals(Outcome.REFUSED, nio.outcome(), nio.detail());
            assertTrue(nio.reason().contains("jasyncio.childWatcher=pidfd, but"), nio.reason());
        } finally {
            System.clearProperty("jasyncio.childWatcher");
        }
    }

    /** The AF_UNIX datagram refusal of nio checked directly: type and explanation, before anything is opened. */
    @Test
    void aUnixDatagramEndpointOnNioIsRefusedWithTheMatrixExplanation() {
        try (SelectorEventLoop loop = SelectorEventLoop.open(Backend.NIO)) {
            assumeTrue(!loop.supports(Capability.UNIX_DATAGRAM), "refused here");
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> loop.runUntilComplete(() -> loop.createUnixDatagramEndpoint(
                            () -> new org.jasyncio.transport.DatagramProtocol() { }, null, null)));
            assertTrue(e.getMessage().contains(loop.whyNot(Capability.UNIX_DATAGRAM).orElseThrow()), e.getMessage());
        }
    }

    /** The regular-file refusal checked directly, without the probe runner: type and explanation. */
    @Test
    void aRegularFileIsRefusedWithTheMatrixExplanation() throws Exception {
        assumeTrue(Backend.EPOLL.isAvailable(), "a backend that takes raw descriptors");
        Path file = Files.createTempFile("jasyncio-matrix", ".txt");
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "r");
                SelectorEventLoop loop = SelectorEventLoop.open(Backend.EPOLL)) {
            int fd = fdOf(raf.getFD());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> loop.addReader(fd, () -> { }));
            String reason = loop.whyNot(Capability.ADD_READER_REGULAR_FILE).orElseThrow();
            String shared = "Do file I/O in a thread instead: loop.runInExecutor(null, ...)";
            assertTrue(e.getMessage().contains(shared), e.getMessage());
            assertTrue(reason.contains(shared), reason);
            assertTrue(e.getMessage().contains("regular file"), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int fdOf(java.io.FileDescriptor descriptor) throws ReflectiveOperationException {
        var field = java.io.FileDescriptor.class.getDeclaredField("fd");
        field.setAccessible(true);
        return field.getInt(descriptor);
    }

    private static Outcome outcome(Backend backend, Capability capability) {
        return result(backend, capability).outcome();
    }

    private static String detail(Backend backend, Capability capability) {
        return result(backend, capability).detail();
    }

    private static ProbeResult result(Backend backend, Capability capability) {
        return report.results().stream().filter(r -> r.backend() == backend && r.capability() == capability)
                .findFirst().orElseThrow();
    }
}
