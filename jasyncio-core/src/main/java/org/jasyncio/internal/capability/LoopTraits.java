package org.jasyncio.internal.capability;

import org.jasyncio.loop.Backend;

/**
 * What a capability provider may ask about a loop.
 *
 * @param loopName       the public loop kind ({@code "SelectorEventLoop"})
 * @param backend        the I/O backend it waits in
 * @param rawDescriptors whether that backend watches raw file descriptors
 * @param platform       operating system and architecture ({@code "Linux amd64"})
 */
public record LoopTraits(String loopName, Backend backend, boolean rawDescriptors, String platform) {

    /** The traits of a loop of this JVM's platform. */
    public static LoopTraits of(String loopName, Backend backend, boolean rawDescriptors) {
        return new LoopTraits(loopName, backend, rawDescriptors,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** {@code "SelectorEventLoop on the nio backend (Linux amd64)"}: the subject of an explanation. */
    public String describe() {
        return loopName + " on the " + backend.id() + " backend (" + platform + ")";
    }

    public boolean isReadiness() {
        return backend.kind() == Backend.Kind.READINESS;
    }
}
