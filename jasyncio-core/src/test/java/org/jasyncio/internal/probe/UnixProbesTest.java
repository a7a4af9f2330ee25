package org.jasyncio.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.loop.Platform;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.ProbeResult;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Unix-socket probes of the platform report, on every readiness backend: each agrees
 * with the capability matrix, works where the loop claims the capability, and where it is
 * refused, is refused with the matrix's reason (nio and AF_UNIX datagrams).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class UnixProbesTest {
    @Parameter
    Backend backend;

    @ParameterizedTest
    @EnumSource(value = Capability.class, names = {"UNIX_SOCKETS", "UNIX_ABSTRACT_NAMES", "UNIX_DATAGRAM"})
    void probeAgreesWithTheMatrix(Capability capability) {
        CapabilityMatrix.Row row = CapabilityMatrix.of(Platform.current()).row(backend, capability).orElseThrow();
        ProbeResult r = ProbeRunner.runOne(row, ProbeCatalog.probeOf(capability), Duration.ofSeconds(20));
        String seen = backend.id() + " " + capability + ": " + r.outcome() + " - " + r.detail();
        assertTrue(r.agrees(), seen);
        assertEquals(row.supported() ? Outcome.SUPPORTED : Outcome.REFUSED, r.outcome(), seen);
    }
}
