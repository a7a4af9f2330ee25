package org.jasyncio.internal.pipe;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.Capability;

/**
 * The pipe feature's answers. asyncio's seed row says "SelectorEventLoop on Windows:
 * pipes are not supported"; here every readiness loop connects JDK {@code Pipe} channels
 * (selectable on every OS the JDK runs on), and the FFM backends connect raw pipe, FIFO,
 * socket and tty descriptors too (which the {@code connectReadPipe(…, int fd)} overloads
 * check against {@code RAW_FILE_DESCRIPTORS}).
 */
final class PipeCapabilities implements CapabilityProvider {
    private static final Set<Capability> ANSWERS = EnumSet.of(Capability.READ_PIPE, Capability.WRITE_PIPE);

    @Override
    public Set<Capability> answers() {
        return ANSWERS;
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        if (!ANSWERS.contains(capability)) {
            throw new IllegalArgumentException("not answered here: " + capability);
        }
        if (!loop.isReadiness()) {
            return Optional.of(loop.describe() + " has no pipe transports in this build: use a SelectorEventLoop");
        }
        return Optional.empty();
    }
}
