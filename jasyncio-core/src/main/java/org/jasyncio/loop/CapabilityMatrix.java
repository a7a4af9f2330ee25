package org.jasyncio.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jasyncio.internal.capability.CapabilityAnswers;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.core.CapabilityRegistry;
import org.jasyncio.internal.core.SelectorLoop;
import org.jasyncio.internal.io.BackendFactory;

/**
 * Every {@link Capability} for every loop this build has on a platform, with the answer
 * the code gives and the reason: the seed page ("asyncio — Platform Support") as data.
 *
 * <p>The answers are not written here. They are worked out by the same capability
 * providers a live loop asks ({@link EventLoop#supports}, {@link EventLoop#whyNot}), for
 * the platform given, so the matrix of a platform we are not running on (macOS, Windows)
 * is what the code would answer there. On this machine a row equals the live loop's
 * answer, and {@code jasyncio platform} checks each row by running the operation.
 *
 * @param platform the platform the rows are for
 * @param rows     one row per (loop, backend, capability), in backend then capability order
 */
public record CapabilityMatrix(Platform platform, List<Row> rows) {

    /**
     * One answer.
     *
     * @param loop        the public loop kind ({@code "SelectorEventLoop"})
     * @param backend     its backend
     * @param defaultLoop whether this is the platform's default loop
     * @param capability  the capability
     * @param supported   the answer
     * @param reason      how it is provided, or why not (the text of the refusal a call meets)
     */
    public record Row(String loop, Backend backend, boolean defaultLoop, Capability capability, boolean supported,
            String reason) {
        public Row {
            Objects.requireNonNull(loop, "loop");
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(capability, "capability");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public CapabilityMatrix {
        Objects.requireNonNull(platform, "platform");
        rows = List.copyOf(rows);
    }

    /** The matrix of {@code platform}: every backend this build has for it. */
    public static CapabilityMatrix of(Platform platform) {
        List<Row> rows = new ArrayList<>();
        Backend byDefault = platform.defaultBackend();
        for (Backend backend : BackendFactory.builtFor(platform)) {
            LoopTraits traits = new LoopTraits(SelectorLoop.LOOP_NAME, backend,
                    BackendFactory.watchesRawDescriptors(backend), platform);
            CapabilityAnswers answers = CapabilityRegistry.answers(traits);
            for (Capability capability : Capability.values()) {
                rows.add(new Row(SelectorLoop.LOOP_NAME, backend, backend == byDefault, capability,
                        answers.supports(capability), answers.reason(capability)));
            }
        }
        return new CapabilityMatrix(platform, rows);
    }

    /**
     * The matrices of the platforms the code knows: this machine, and a typical machine of
     * each other operating-system family (macOS on aarch64, Windows and others on amd64).
     */
    public static List<CapabilityMatrix> known() {
        List<CapabilityMatrix> all = new ArrayList<>();
        Platform here = Platform.current();
        for (Platform.Os os : Platform.Os.values()) {
            all.add(of(os == here.os() ? here
                    : Platform.hypothetical(os, os == Platform.Os.MACOS ? "aarch64" : "amd64")));
        }
        return all;
    }

    /** The backends the rows cover, in order. */
    public List<Backend> backends() {
        return rows.stream().map(Row::backend).distinct().toList();
    }

    /** The row of {@code backend} and {@code capability}, if this build has that backend here. */
    public Optional<Row> row(Backend backend, Capability capability) {
        return rows.stream().filter(r -> r.backend == backend && r.capability == capability).findFirst();
    }
}
