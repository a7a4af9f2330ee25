package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each loop answers, and that every refusal explains itself. */
class CapabilityTest {

    @ParameterizedTest
    @MethodSource("org.jasyncio.testing.Backends#readiness")
    void everyCapabilityIsAnsweredOneWayOrTheOther(Backend backend) {
        try (SelectorEventLoop loop = SelectorEventLoop.open(backend)) {
            for (Capability capability : Capability.values()) {
                boolean supported = loop.supports(capability);
                assertEquals(supported, loop.capabilities().contains(capability), capability.name());
                assertEquals(supported, loop.whyNot(capability).isEmpty(), capability.name());
                loop.whyNot(capability).ifPresent(why -> {
                    assertTrue(why.contains("SelectorEventLoop on the " + backend.id() + " backend"), why);
                    assertTrue(why.contains(System.getProperty("os.name")), why);
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.jasyncio.testing.Backends#readiness")
    void fdWatchingAnswersFollowTheBackend(Backend backend) {
        try (SelectorEventLoop loop = SelectorEventLoop.open(backend)) {
            assertTrue(loop.supports(Capability.ADD_READER_SOCKET));
            assertFalse(loop.supports(Capability.ADD_READER_REGULAR_FILE), "never, on any loop");
            boolean raw = backend != Backend.NIO;
            assertEquals(raw, loop.supports(Capability.RAW_FILE_DESCRIPTORS));
            assertEquals(raw, loop.supports(Capability.ADD_READER_PIPE));
            assertEquals(raw, loop.supports(Capability.ADD_READER_CHARACTER_DEVICE));
            assertEquals(backend != Backend.SELECT, loop.supports(Capability.UNLIMITED_DESCRIPTORS));
        }
    }

    @Test
    void selectExplainsItsLimitAndNamesTheBackendsWithout() {
        assumeTrue(Backend.SELECT.isAvailable(), "select is not available here");
        try (SelectorEventLoop loop = SelectorEventLoop.open(Backend.SELECT)) {
            String why = loop.whyNot(Capability.UNLIMITED_DESCRIPTORS).orElseThrow();
            assertTrue(why.contains("FD_SETSIZE (1024)"), why);
            assertTrue(why.contains("epoll") && why.contains("nio"), why);
        }
    }

    @Test
    void nioPointsAtTheBackendsThatWatchRawDescriptors() {
        assumeTrue(Backend.EPOLL.isAvailable(), "epoll is not available here");
        try (SelectorEventLoop loop = SelectorEventLoop.open(Backend.NIO)) {
            String why = loop.whyNot(Capability.ADD_READER_PIPE).orElseThrow();
            assertTrue(why.contains("java.nio.channels.Pipe"), why);
            assertTrue(why.contains("Backend.EPOLL"), why);
        }
    }

    /** Features that later issues add are not claimed before their code exists. */
    @Test
    void featuresNotInThisBuildAreNotClaimed() {
        Set<Capability> notBuiltYet = EnumSet.of(Capability.UNIX_SOCKETS, Capability.UNIX_ABSTRACT_NAMES,
                Capability.UNIX_DATAGRAM, Capability.SIGNAL_HANDLERS, Capability.READ_PIPE, Capability.WRITE_PIPE,
                Capability.SUBPROCESSES, Capability.PIDFD_CHILD_WATCHER);
        try (SelectorEventLoop loop = SelectorEventLoop.open()) {
            for (Capability capability : notBuiltYet) {
                String why = loop.whyNot(capability).orElse("");
                if (why.contains("no module of this jasyncio build provides it")) {
                    assertFalse(loop.supports(capability));
                }
            }
        }
    }

    @Test
    void theClockAnswerMatchesTheMeasuredResolution() {
        try (SelectorEventLoop loop = SelectorEventLoop.open()) {
            assertEquals(loop.clockResolution().toNanos() <= 1_000_000L, loop.supports(Capability.FINE_CLOCK));
        }
    }
}
