package org.jasyncio.internal.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jasyncio.loop.Capability;

/**
 * The probe of each capability this build can check. A feature that lands adds its probe
 * here (Unix sockets, signals, subprocesses, pipes); until then a capability with no
 * probe is reported as what the loop answers: "not provided" when no module provides it,
 * "unprobed" when a module claims it but nothing here checks it.
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
        Map<Capability, Probe> byCapability = new EnumMap<>(Capability.class);
        for (Probe probe : all) {
            if (byCapability.put(probe.capability(), probe) != null) {
                throw new IllegalStateException("two probes for " + probe.capability());
            }
        }
        return Collections.unmodifiableMap(byCapability);
    }
}
