package org.jasyncio.internal.process;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.Capability;

/**
 * The subprocess feature's answers: {@link Capability#SUBPROCESSES} on every readiness
 * loop (the threaded strategy runs wherever {@code ProcessBuilder} does), and
 * {@link Capability#PIDFD_CHILD_WATCHER} where {@link ChildStrategy} picks pidfds.
 */
public final class SubprocessCapabilities implements CapabilityProvider {
    private static final Set<Capability> ANSWERS = EnumSet.of(Capability.SUBPROCESSES,
            Capability.PIDFD_CHILD_WATCHER);

    @Override
    public Set<Capability> answers() {
        return ANSWERS;
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        if (!loop.isReadiness()) {
            return Optional.of(loop.describe() + " has no subprocess support yet: use a SelectorEventLoop");
        }
        return switch (capability) {
            case SUBPROCESSES -> ChildStrategy.whyNoChildren(loop);
            case PIDFD_CHILD_WATCHER -> ChildStrategy.whyNotPidfd(loop);
            default -> throw new IllegalArgumentException("not answered here: " + capability);
        };
    }

    @Override
    public String basis(Capability capability, LoopTraits loop) {
        boolean pidfd = ChildStrategy.whyNotPidfd(loop).isEmpty();
        return switch (capability) {
            case SUBPROCESSES -> pidfd ? "posix_spawn with non-blocking pipes watched by the " + loop.backend().id()
                    + " backend" : "ProcessBuilder with a helper thread per pipe and per child";
            case PIDFD_CHILD_WATCHER -> "the " + loop.backend().id() + " backend watches the child's pidfd; "
                    + "waitid(P_PIDFD) reaps it";
            default -> CapabilityProvider.super.basis(capability, loop);
        };
    }
}
