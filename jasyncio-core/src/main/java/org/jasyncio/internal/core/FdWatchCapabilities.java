package org.jasyncio.internal.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.fd.FdSource;
import org.jasyncio.internal.io.BackendFactory;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;

/**
 * The answers of the fd-watching feature ({@code addReader}/{@code addWriter},
 * {@link ReaderWriterTable}): which sources each backend can watch.
 */
final class FdWatchCapabilities implements CapabilityProvider {
    private static final Set<Capability> ANSWERS = EnumSet.of(Capability.ADD_READER_SOCKET,
            Capability.ADD_READER_PIPE, Capability.ADD_READER_CHARACTER_DEVICE, Capability.ADD_READER_REGULAR_FILE,
            Capability.RAW_FILE_DESCRIPTORS, Capability.UNLIMITED_DESCRIPTORS);

    @Override
    public Set<Capability> answers() {
        return ANSWERS;
    }

    @Override
    public Optional<String> whyNot(Capability capability, LoopTraits loop) {
        if (capability == Capability.ADD_READER_REGULAR_FILE) {
            return Optional.of(loop.describe() + " cannot watch regular files, and no loop can. "
                    + FdSource.ALWAYS_READY);
        }
        if (!loop.isReadiness()) {
            return Optional.of(loop.describe() + " completes operations instead of reporting readiness, so it "
                    + "cannot watch descriptors (asyncio's ProactorEventLoop has no add_reader either): use "
                    + "transports or the sock* operations, or a SelectorEventLoop");
        }
        return switch (capability) {
            case ADD_READER_SOCKET -> Optional.empty();
            case ADD_READER_PIPE -> loop.rawDescriptors() ? Optional.empty()
                    : Optional.of(loop.describe() + " watches JDK channels only: a java.nio.channels.Pipe end "
                            + "works, but an OS pipe or FIFO descriptor needs a backend that watches raw "
                            + "descriptors. " + rawDescriptorAlternatives(loop));
            case ADD_READER_CHARACTER_DEVICE -> loop.rawDescriptors() ? Optional.empty()
                    : Optional.of(loop.describe() + " watches JDK channels only, and the JDK has no selectable "
                            + "channel for terminals or other character devices. " + rawDescriptorAlternatives(loop));
            case RAW_FILE_DESCRIPTORS -> loop.rawDescriptors() ? Optional.empty()
                    : Optional.of(loop.describe() + " watches JDK channels only, not raw file descriptors: pass a "
                            + "SelectableChannel instead. " + rawDescriptorAlternatives(loop));
            case UNLIMITED_DESCRIPTORS -> {
                int limit = BackendFactory.descriptorLimit(loop.backend());
                yield limit == 0 ? Optional.empty()
                        : Optional.of(loop.describe() + " uses select(), which only handles descriptors below "
                                + "FD_SETSIZE (" + limit + "), as asyncio's SelectSelector. "
                                + alternatives(loop, "have no such limit", b -> BackendFactory.descriptorLimit(b) == 0));
            }
            default -> throw new IllegalArgumentException("not answered here: " + capability);
        };
    }

    @Override
    public String basis(Capability capability, LoopTraits loop) {
        String waits = "the " + loop.backend().id() + " backend";
        return switch (capability) {
            case ADD_READER_SOCKET -> waits + " watches socket channels" + (loop.rawDescriptors()
                    ? " and socket descriptors" : "");
            case ADD_READER_PIPE -> waits + " watches raw pipe and FIFO descriptors";
            case ADD_READER_CHARACTER_DEVICE -> waits + " watches raw tty and pty descriptors";
            case RAW_FILE_DESCRIPTORS -> waits + " registers raw descriptors (FFM)";
            case UNLIMITED_DESCRIPTORS -> waits + " has no FD_SETSIZE cap";
            default -> CapabilityProvider.super.basis(capability, loop);
        };
    }

    private static String rawDescriptorAlternatives(LoopTraits loop) {
        return alternatives(loop, "watch raw descriptors", BackendFactory::watchesRawDescriptors);
    }

    /**
     * "Backends that X, available here: epoll, poll: open the loop with
     * SelectorEventLoop.open(Backend.EPOLL)". For the platform we run on, "available" means
     * available in this JVM; for a hypothetical platform, built for it.
     */
    static String alternatives(LoopTraits loop, String what, Predicate<Backend> can) {
        List<Backend> candidates = Arrays.stream(Backend.values())
                .filter(b -> b.kind() == Backend.Kind.READINESS && can.test(b)).toList();
        boolean here = loop.platform().isCurrent();
        List<Backend> available = candidates.stream()
                .filter(b -> here ? b.isAvailable() : BackendFactory.platformCause(b, loop.platform()).isEmpty())
                .toList();
        String where = here ? "here" : "on " + loop.platform().osName();
        if (available.isEmpty()) {
            Backend first = candidates.getFirst();
            String cause = here ? first.unavailabilityCause().orElse("unknown")
                    : BackendFactory.platformCause(first, loop.platform()).orElse("unknown");
            return "The backends that " + what + " (" + candidates.stream().map(Backend::id).toList()
                    + ") are not available " + where + ": " + cause;
        }
        return "Backends that " + what + ", available " + where + ": " + available.stream().map(Backend::id).toList()
                + "; open the loop with SelectorEventLoop.open(Backend." + available.getFirst().name() + ")";
    }
}
