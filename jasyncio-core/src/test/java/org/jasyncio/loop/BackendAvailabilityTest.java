package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;

import org.jasyncio.testing.Backends;
import org.junit.jupiter.api.Test;

/** Which backends run here, and the default: a silent regression to nio must fail a test. */
class BackendAvailabilityTest {

    private static boolean linuxX64OrArm64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("aarch64"));
    }

    @Test
    void everyReadinessBackendIsAvailableOnThisLinuxMachine() {
        assumeTrue(linuxX64OrArm64(), "the FFM backends are built for Linux on x86_64 and aarch64");
        for (Backend backend : List.of(Backend.NIO, Backend.EPOLL, Backend.POLL, Backend.SELECT)) {
            assertEquals(Optional.empty(), backend.unavailabilityCause(), backend.id());
            assertTrue(backend.isAvailable(), backend.id());
        }
        assertEquals(List.of(Backend.NIO, Backend.EPOLL, Backend.POLL, Backend.SELECT), Backends.readiness().toList());
    }

    @Test
    void epollIsTheDefaultOnLinux() {
        assumeTrue(linuxX64OrArm64(), "the FFM backends are built for Linux on x86_64 and aarch64");
        assumeTrue(System.getProperty("jasyncio.backend", "").isBlank(), "-Djasyncio.backend chooses the default");
        assertEquals(Backend.EPOLL, Backend.defaultSelectorBackend());
        try (SelectorEventLoop loop = SelectorEventLoop.open()) {
            assertEquals(Backend.EPOLL, loop.backend());
            assertTrue(loop.toString().contains("backend=epoll"), loop.toString());
        }
    }

    @Test
    void everyAvailableBackendOpensALoopThatRunsCallbacks() {
        Backends.readiness().forEach(backend -> {
            try (SelectorEventLoop loop = SelectorEventLoop.open(backend)) {
                assertEquals(backend, loop.backend());
                int[] ran = {0};
                loop.callSoon(() -> ran[0]++);
                loop.callLater(java.time.Duration.ofMillis(5), loop::stop);
                loop.runForever();
                assertEquals(1, ran[0], backend.id());
            }
        });
    }

    @Test
    void thePropertyChoosesTheDefault() {
        String before = System.getProperty("jasyncio.backend");
        try {
            System.setProperty("jasyncio.backend", " Select ");
            assertEquals(Backend.SELECT, Backend.defaultSelectorBackend());
            System.setProperty("jasyncio.backend", "kqueue");
            assertThrows(IllegalArgumentException.class, Backend::defaultSelectorBackend);
        } finally {
            if (before == null) {
                System.clearProperty("jasyncio.backend");
            } else {
                System.setProperty("jasyncio.backend", before);
            }
        }
    }

    @Test
    void backendsAreFoundByTheirIds() {
        for (Backend backend : Backend.values()) {
            assertEquals(backend, Backend.byId(backend.id().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(Backend.Kind.READINESS, backend.kind());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.byId("kqueue"));
        assertTrue(e.getMessage().contains("epoll"), e.getMessage());
    }

    @Test
    void unavailableBackendsSayWhyWhenOpened() {
        for (Backend backend : Backend.values()) {
            backend.unavailabilityCause().ifPresent(cause -> {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> SelectorEventLoop.open(backend));
                assertTrue(e.getMessage().contains(cause), e.getMessage());
            });
        }
    }
}
