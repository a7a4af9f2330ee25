package org.jasyncio.platform;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jasyncio.internal.probe.ProbeRunner;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Platform;

/**
 * The result of probing this machine: every capability on every available backend,
 * each with the matrix's answer and what the probe measured.
 *
 * @param platform             this machine
 * @param defaultBackend       the backend of the default loop here (after {@code -Djasyncio.backend})
 * @param clockResolutionNanos the loop clock's measured resolution
 * @param backends             every backend, available or not
 * @param results              one per (available backend, capability), in backend then capability order
 */
public record PlatformReport(Platform platform, Backend defaultBackend, long clockResolutionNanos,
        List<BackendStatus> backends, List<ProbeResult> results) {

    /** How long one probe may run before it counts as timed out. */
    public static final Duration DEFAULT_PROBE_LIMIT = Duration.ofSeconds(3);

    public PlatformReport {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(defaultBackend, "defaultBackend");
        backends = List.copyOf(backends);
        results = List.copyOf(results);
    }

    /** Probes every capability on every available backend, each probe bounded by {@link #DEFAULT_PROBE_LIMIT}. */
    public static PlatformReport probe() {
        return probe(DEFAULT_PROBE_LIMIT);
    }

    /** Probes every capability on every available backend, each probe bounded by {@code limit}. */
    public static PlatformReport probe(Duration limit) {
        return ProbeRunner.run(List.of(Capability.values()), limit);
    }

    /** Probes only {@code capabilities} (in the order given) on every available backend. */
    public static PlatformReport probe(List<Capability> capabilities, Duration limit) {
        return ProbeRunner.run(capabilities, limit);
    }

    /** The results that contradict the matrix. */
    public List<ProbeResult> contradictions() {
        return results.stream().filter(r -> !r.agrees()).toList();
    }

    /** Whether every probe agrees with the matrix. */
    public boolean agrees() {
        return contradictions().isEmpty();
    }

    /** The backends that were probed (the available ones), in order. */
    public List<Backend> probedBackends() {
        return backends.stream().filter(BackendStatus::available).map(BackendStatus::backend).toList();
    }
}
