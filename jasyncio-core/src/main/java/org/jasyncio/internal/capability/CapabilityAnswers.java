package org.jasyncio.internal.capability;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.loop.Capability;

/**
 * A loop's answer for every {@link Capability}, worked out once from the providers of the
 * features in this build. A capability no provider answers for is unsupported, and the
 * explanation says the feature is not part of this build. Immutable; any thread.
 */
public final class CapabilityAnswers {
    /** The sentence that explains a capability's answer where providing it is not a refusal. */
    public static final String NOT_IN_BUILD = "no module of this jasyncio build provides it";

    private final Map<Capability, String> refusals;
    private final Map<Capability, String> bases;
    private final Set<Capability> supported;

    public CapabilityAnswers(List<? extends CapabilityProvider> providers, LoopTraits loop) {
        Map<Capability, String> refused = new EnumMap<>(Capability.class);
        Map<Capability, String> how = new EnumMap<>(Capability.class);
        Set<Capability> yes = EnumSet.noneOf(Capability.class);
        Set<Capability> answered = EnumSet.noneOf(Capability.class);
        for (CapabilityProvider provider : providers) {
            for (Capability capability : provider.answers()) {
                if (!answered.add(capability)) {
                    throw new IllegalStateException("two providers answer for " + capability);
                }
                Optional<String> why = provider.whyNot(capability, loop);
                if (why.isPresent()) {
                    refused.put(capability, why.get());
                } else {
                    yes.add(capability);
                    how.put(capability, provider.basis(capability, loop));
                }
            }
        }
        for (Capability capability : Capability.values()) {
            if (!answered.contains(capability)) {
                refused.put(capability, loop.describe() + " does not support " + capability.description() + " ("
                        + capability + "): " + NOT_IN_BUILD);
            }
        }
        this.refusals = Collections.unmodifiableMap(refused);
        this.bases = Collections.unmodifiableMap(how);
        this.supported = Collections.unmodifiableSet(yes);
    }

    public boolean supports(Capability capability) {
        return supported.contains(capability);
    }

    public Set<Capability> supported() {
        return supported;
    }

    public Optional<String> whyNot(Capability capability) {
        return Optional.ofNullable(refusals.get(capability));
    }

    /** How a supported capability is provided, or why it is not: the matrix's reason column. */
    public String reason(Capability capability) {
        String why = refusals.get(capability);
        return why != null ? why : bases.get(capability);
    }

    /** Throws {@link UnsupportedOperationException} with the explanation unless supported. */
    public void require(Capability capability, String operation) {
        String why = refusals.get(capability);
        if (why != null) {
            throw new UnsupportedOperationException(operation + ": " + why);
        }
    }
}
