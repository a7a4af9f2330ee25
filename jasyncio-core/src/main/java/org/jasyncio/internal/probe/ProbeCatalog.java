package org.jasyncio.internal.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jasyncio.loop.Capability;

/**
 * The probe of each capability this build can check: every one today (descriptors, the
 * clock, Unix sockets, signals, pipes, subprocesses). A capability added without a probe
 * is reported as what the loop answers: "not provided" when no module provides it,
 * "unprobed" when a module claims it but nothing here checks it (the test suite fails on
 * that).
 */
final class ProbeCatalog {
    private static final Map<Capability, Probe> PROBES = index();

    private ProbeCatalog() {
    }

    static Optional<Probe> probeOf(Capability capability) {
        return Optional.ofNullable(PROBES.get(capability));
    }

    private static Map<Capability, Probe> index() {
        List<Probe> all = new ArrayList<>(DescriptorProbes.all());
        all.addAll(PipeProbes.all());
        all.addAll(UnixProbes.all());
        all.add(new ClockProbe());
        all.add(new SignalProbe());
        all.addAll(SubprocessProbes.all());
        Map<Capability, Probe> byCapability = new EnumMap<>(Capability.class);
        for (Probe probe : all) {
            if (byCapability.put(probe.capability(), probe) != null) {
                throw new IllegalStateException("two probes for " + probe.capability());
            }
        }
        return Collections.unmodifiableMap(byCapability);
    }
}
