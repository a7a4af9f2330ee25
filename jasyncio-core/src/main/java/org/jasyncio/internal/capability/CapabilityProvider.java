package org.jasyncio.internal.capability;

import java.util.Optional;
import java.util.Set;

import org.jasyncio.loop.Capability;

/**
 * One feature's answers about the capabilities it implements. A feature module (fd
 * watching, Unix sockets, signals, subprocesses ...) ships one provider; the loop asks
 * the providers of the features in this build, so a capability is only ever reported as
 * supported by the code that implements it.
 */
public interface CapabilityProvider {

    /** The capabilities this feature answers for. */
    Set<Capability> answers();

    /**
     * Empty when {@code loop} supports {@code capability}; otherwise why not, as a
     * sentence naming the loop, the platform and what to use instead.
     */
    Optional<String> whyNot(Capability capability, LoopTraits loop);

    /**
     * How {@code loop} provides {@code capability} when it does (the capability matrix's
     * reason for a "supported" row): the mechanism, in a short phrase. Providers override
     * it to name theirs; the default names the feature's provider.
     */
    default String basis(Capability capability, LoopTraits loop) {
        return "provided by " + getClass().getSimpleName();
    }
}
