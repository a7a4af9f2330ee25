package org.jasyncio.internal.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jasyncio.internal.capability.CapabilityAnswers;
import org.jasyncio.internal.core.Clock;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.loop.Platform;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.platform.BackendStatus;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.PlatformReport;
import org.jasyncio.platform.ProbeResult;

/**
 * Runs the probes: for every available backend and every capability asked for, a fresh
 * loop on a thread of its own, the probe of the capability, and the comparison of what
 * it saw with the capability matrix's row.
 *
 * <p>Bounds and clean-up: a probe's waits for callbacks give up after half its limit
 * (the probe then fails with what it waited for); the runner gives up on a probe after
 * the whole limit (timed out), asks its loop to stop and moves on. The probe's thread
 * still closes its resources and its loop when it ends; it is a daemon thread, so a probe
 * stuck in the kernel cannot keep the JVM alive.
 */
public final class ProbeRunner {
    private ProbeRunner() {
    }

    /** Probes {@code capabilities} on every available backend of this machine. */
    public static PlatformReport run(List<Capability> capabilities, Duration limit) {
        Platform here = Platform.current();
        CapabilityMatrix matrix = CapabilityMatrix.of(here);
        Backend defaultBackend = Backend.defaultSelectorBackend();
        List<BackendStatus> statuses = new ArrayList<>();
        List<ProbeResult> results = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            statuses.add(new BackendStatus(backend, backend.isAvailable(), backend.unavailabilityCause(),
                    backend == defaultBackend));
        }
        for (BackendStatus status : statuses) {
            if (!status.available()) {
                continue;
            }
            for (Capability capability : capabilities) {
                CapabilityMatrix.Row row = matrix.row(status.backend(), capability).orElseThrow(
                        () -> new IllegalStateException("the matrix of " + here + " has no row for "
                                + status.backend().id() + ", which is available here"));
                results.add(runOne(row, ProbeCatalog.probeOf(capability), limit));
            }
        }
        return new PlatformReport(here, defaultBackend, Clock.resolutionNanos(), statuses, results);
    }

    /** Runs {@code probe} (none: the capability has no probe in this build) for {@code row}. */
    static ProbeResult runOne(CapabilityMatrix.Row row, Optional<Probe> probe, Duration limit) {
        long start = System.nanoTime();
        SelectorEventLoop[] loop = new SelectorEventLoop[1];
        CompletableFuture<Seen> done = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().daemon().name("jasyncio-probe-" + row.backend().id() + "-"
                + row.capability()).unstarted(() -> {
                    try {
                        done.complete(probe(row, probe, limit, loop));
                    } catch (Throwable t) {
                        done.complete(new Seen(Outcome.FAILED, describe(t)));
                    }
                });
        worker.start();
        Seen seen;
        try {
            seen = done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            SelectorEventLoop stuck = loop[0];
            if (stuck != null) {
                try {
                    stuck.stop();
                } catch (RuntimeException closed) {
                    // the probe's thread closed it meanwhile
                }
            }
            seen = new Seen(Outcome.TIMED_OUT, "no answer within " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            seen = new Seen(Outcome.TIMED_OUT, "interrupted");
        } catch (ExecutionException e) {
            seen = new Seen(Outcome.FAILED, describe(e.getCause()));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new ProbeResult(row.backend(), row.capability(), row.supported(), row.reason(), seen.outcome,
                seen.detail, ProbeResult.agrees(row.supported(), seen.outcome), millis);
    }

    private record Seen(Outcome outcome, String detail) {
    }

    /** On the probe's thread: open the loop, check it answers as the matrix does, run the probe, clean up. */
    private static Seen probe(CapabilityMatrix.Row row, Optional<Probe> probe, Duration limit,
            SelectorEventLoop[] holder) {
        try (SelectorEventLoop loop = SelectorEventLoop.open(row.backend())) {
            holder[0] = loop;
            Capability capability = row.capability();
            if (loop.supports(capability) != row.supported()) {
                return new Seen(Outcome.FAILED, "the loop answers " + (loop.supports(capability) ? "supported"
                        : "unsupported") + " but the capability matrix says the opposite");
            }
            if (probe.isEmpty()) {
                return unprobed(row);
            }
            try (ProbeResources resources = new ProbeResources(limit.dividedBy(2))) {
                Probe.Observation seen = probe.get().run(loop, resources);
                return new Seen(seen.outcome(), seen.detail());
            } catch (ProbeSetupException e) {
                return new Seen(Outcome.NOT_RUN, e.getMessage());
            } catch (UnsupportedOperationException e) {
                if (!row.supported() && documented(e, row, probe.get(), loop)) {
                    return new Seen(Outcome.REFUSED, "refused: " + e.getMessage());
                }
                return new Seen(Outcome.FAILED, (row.supported() ? "refused although the matrix says supported: "
                        : "refused with an error that does not match the matrix's reason: ") + e.getMessage());
            } catch (Exception e) {
                return new Seen(Outcome.FAILED, describe(e));
            }
        }
    }

    private static Seen unprobed(CapabilityMatrix.Row row) {
        if (row.supported()) {
            return new Seen(Outcome.UNPROBED, "the loop claims it, but this build has no probe for "
                    + row.capability());
        }
        if (row.reason().contains(CapabilityAnswers.NOT_IN_BUILD)) {
            return new Seen(Outcome.NOT_PROVIDED, "not provided by this build");
        }
        return new Seen(Outcome.NOT_RUN, "refused by the loop; this build has no probe that calls it");
    }

    /**
     * Whether a refusal is the documented one: its message contains the matrix's reason, or
     * the reason of a prerequisite the loop refuses, or a phrase it shares with the reason.
     */
    static boolean documented(UnsupportedOperationException e, CapabilityMatrix.Row row, Probe probe,
            SelectorEventLoop loop) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(row.reason())) {
            return true;
        }
        for (Capability needed : probe.prerequisites()) {
            if (loop.whyNot(needed).filter(message::contains).isPresent()) {
                return true;
            }
        }
        return probe.documentedPhrases().stream().anyMatch(p -> message.contains(p) && row.reason().contains(p));
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
