package org.jasyncio.internal.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jasyncio.internal.capability.CapabilityProvider;
import org.jasyncio.internal.capability.LoopTraits;
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
            return Optional.of(loop.describe() + " cannot watch regular files, and no loop can: a regular file "
                    + "is always ready for reading and writing (epoll refuses it with EPERM, poll and select would "
                    + "report it ready forever). Do file I/O in a thread with loop.runInExecutor(null, ...) "
                    + "(asyncio's to_thread)");
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
                            + "descriptors. " + rawDescriptorAlternatives());
            case ADD_READER_CHARACTER_DEVICE -> loop.rawDescriptors() ? Optional.empty()
                    : Optional.of(loop.describe() + " watches JDK channels only, and the JDK has no selectable "
                            + "channel for terminals or other character devices. " + rawDescriptorAlternatives());
            case RAW_FILE_DESCRIPTORS -> loop.rawDescriptors() ? Optional.empty()
                    : Optional.of(loop.describe() + " watches JDK channels only, not raw file descriptors: pass a "
                            + "SelectableChannel instead. " + rawDescriptorAlternatives());
            case UNLIMITED_DESCRIPTORS -> {
                int limit = BackendFactory.descriptorLimit(loop.backend());
                yield limit == 0 ? Optional.empty()
                        : Optional.of(loop.describe() + " uses select(), which only handles descriptors below "
                                + "FD_SETSIZE (" + limit + "), as asyncio's SelectSelector. "
                                + alternatives("have no such limit", b -> BackendFactory.descriptorLimit(b) == 0));
            }
            default -> throw new IllegalArgumentException("not answered here: " + capability);
        };
    }

    private static String rawDescriptorAlternatives() {
        return alternatives("watch raw descriptors", BackendFactory::watchesRawDescriptors);
    }

    /** "Backends that X, available here: epoll, poll: open the loop with SelectorEventLoop.open(Backend.EPOLL)". */
    static String alternatives(String what, Predicate<Backend> can) {
        List<Backend> candidates = Arrays.stream(Backend.values())
                .filter(b -> b.kind() == Backend.Kind.READINESS && can.test(b)).toList();
        List<Backend> available = candidates.stream().filter(Backend::isAvailable).toList();
        if (available.isEmpty()) {
            return "The backends that " + what + " (" + candidates.stream().map(Backend::id).toList()
                    + ") are not available here: " + candidates.getFirst().unavailabilityCause().orElse("unknown");
        }
        return "Backends that " + what + ", available here: " + available.stream().map(Backend::id).toList()
                + "; open the loop with SelectorEventLoop.open(Backend." + available.getFirst().name() + ")";
    }
}
