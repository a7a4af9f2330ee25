package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.jasyncio.testing.Backends;
import org.junit.jupiter.api.Test;

/** The matrix is the code's answer: the live loops' here, the providers' for other platforms. */
class CapabilityMatrixTest {

    @Test
    void thisMachinesMatrixIsWhatTheLiveLoopsAnswer() {
        CapabilityMatrix matrix = CapabilityMatrix.of(Platform.current());
        Backends.readiness().forEach(backend -> {
            try (SelectorEventLoop loop = SelectorEventLoop.open(backend)) {
                for (Capability capability : Capability.values()) {
                    CapabilityMatrix.Row row = matrix.row(backend, capability).orElseThrow();
                    assertEquals(loop.supports(capability), row.supported(), backend + " " + capability);
                    loop.whyNot(capability).ifPresent(why -> assertEquals(why, row.reason()));
                    assertFalse(row.reason().isBlank(), backend + " " + capability);
                }
            }
        });
    }

    @Test
    void everyRowOfEveryKnownPlatform() {
        List<CapabilityMatrix> known = CapabilityMatrix.known();
        assertEquals(List.of(Platform.Os.values()), known.stream().map(m -> m.platform().os()).toList());
        for (CapabilityMatrix matrix : known) {
            assertEquals(matrix.backends().size() * Capability.values().length, matrix.rows().size());
            assertEquals(1, matrix.rows().stream().filter(CapabilityMatrix.Row::defaultLoop)
                    .map(CapabilityMatrix.Row::backend).distinct().count(), matrix.platform().toString());
            for (CapabilityMatrix.Row row : matrix.rows()) {
                assertFalse(row.capability() == Capability.ADD_READER_REGULAR_FILE && row.supported(),
                        "regular files are never supported: " + row);
            }
        }
    }

    @Test
    void macOsHasTheJdkSelectorOnlyAndItsRefusalsNameMacOs() {
        CapabilityMatrix mac = CapabilityMatrix.of(Platform.hypothetical(Platform.Os.MACOS, "aarch64"));
        assertEquals(List.of(Backend.NIO), mac.backends());
        assertEquals(Backend.NIO, mac.platform().defaultBackend());
        CapabilityMatrix.Row pipe = mac.row(Backend.NIO, Capability.ADD_READER_PIPE).orElseThrow();
        assertFalse(pipe.supported());
        assertTrue(pipe.reason().contains("Mac OS X aarch64"), pipe.reason());
        assertTrue(pipe.reason().contains("not available on Mac OS X"), pipe.reason());
        assertTrue(mac.row(Backend.NIO, Capability.ADD_READER_SOCKET).orElseThrow().supported());
        assertTrue(mac.row(Backend.NIO, Capability.UNLIMITED_DESCRIPTORS).orElseThrow().supported());
    }

    /**
     * The Unix-socket and signal rows of other platforms come from the platform, not from
     * this JVM: abstract names and AF_UNIX datagrams are Linux's; path sockets (the JDK's,
     * Windows 10 and later too) and signal handlers are everyone's.
     */
    @Test
    void abstractNamesAndUnixDatagramsAreLinuxOnlyOnEveryKnownPlatform() {
        for (CapabilityMatrix matrix : CapabilityMatrix.known()) {
            boolean linux = matrix.platform().os() == Platform.Os.LINUX;
            for (Backend backend : matrix.backends()) {
                String where = matrix.platform() + " " + backend.id();
                CapabilityMatrix.Row names = matrix.row(backend, Capability.UNIX_ABSTRACT_NAMES).orElseThrow();
                CapabilityMatrix.Row datagrams = matrix.row(backend, Capability.UNIX_DATAGRAM).orElseThrow();
                assertEquals(linux, names.supported(), where + ": " + names.reason());
                assertEquals(linux && backend != Backend.NIO, datagrams.supported(), where + ": " + datagrams.reason());
                if (!linux) {
                    assertTrue(names.reason().contains("Linux feature"), names.reason());
                    assertTrue(datagrams.reason().contains("written for Linux"), datagrams.reason());
                }
                assertTrue(matrix.row(backend, Capability.UNIX_SOCKETS).orElseThrow().supported(), where);
                assertTrue(matrix.row(backend, Capability.SIGNAL_HANDLERS).orElseThrow().supported(), where);
            }
        }
    }

    @Test
    void windowsClockIsAnsweredFromItsClockSourceNotMeasured() {
        CapabilityMatrix windows = CapabilityMatrix.of(Platform.hypothetical(Platform.Os.WINDOWS, "amd64"));
        assertEquals(List.of(Backend.NIO), windows.backends());
        CapabilityMatrix.Row clock = windows.row(Backend.NIO, Capability.FINE_CLOCK).orElseThrow();
        assertTrue(clock.supported());
        assertTrue(clock.reason().contains("QueryPerformanceCounter"), clock.reason());
    }

    @Test
    void linuxHasEveryBackendWithEpollByDefault() {
        CapabilityMatrix linux = CapabilityMatrix.of(Platform.hypothetical(Platform.Os.LINUX, "aarch64"));
        assertEquals(List.of(Backend.NIO, Backend.EPOLL, Backend.POLL, Backend.SELECT), linux.backends());
        assertTrue(linux.row(Backend.EPOLL, Capability.ADD_READER_SOCKET).orElseThrow().defaultLoop());
        assertFalse(linux.row(Backend.SELECT, Capability.UNLIMITED_DESCRIPTORS).orElseThrow().supported());
        assertTrue(linux.row(Backend.POLL, Capability.ADD_READER_CHARACTER_DEVICE).orElseThrow().supported());
        CapabilityMatrix riscv = CapabilityMatrix.of(Platform.hypothetical(Platform.Os.LINUX, "riscv64"));
        assertEquals(List.of(Backend.NIO), riscv.backends(), "the FFM layouts are written for x86_64 and aarch64");
    }

    @Test
    void thePlatformOfThisJvm() {
        Platform here = Platform.current();
        assertSame(here, Platform.current());
        assertTrue(here.isCurrent());
        assertEquals(Platform.Os.of(System.getProperty("os.name")), here.os());
        assertEquals(System.getProperty("os.arch"), here.arch());
        assertEquals(Runtime.version().toString(), here.jdk());
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.arch"), here.toString());
        assumeTrue(here.os() == Platform.Os.LINUX, "kernel release on Linux");
        assertEquals("Linux " + System.getProperty("os.version"), here.kernel());
    }

    @Test
    void osFamilies() {
        assertEquals(Platform.Os.LINUX, Platform.Os.of("Linux"));
        assertEquals(Platform.Os.MACOS, Platform.Os.of("Mac OS X"));
        assertEquals(Platform.Os.WINDOWS, Platform.Os.of("Windows Server 2022"));
        assertEquals(Platform.Os.OTHER, Platform.Os.of("FreeBSD"));
        assertFalse(Platform.hypothetical(Platform.Os.WINDOWS, "amd64").isCurrent());
    }

    @Test
    void theDefaultLoopIsDecidedByThePlatform() {
        assumeTrue(System.getProperty("jasyncio.backend", "").isBlank(), "-Djasyncio.backend chooses the default");
        assumeTrue(Platform.current().defaultBackend().isAvailable(), "the platform default runs in this JVM");
        assertEquals(Platform.current().defaultBackend(), Backend.defaultSelectorBackend());
    }
}
