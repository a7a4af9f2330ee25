package org.jasyncio.internal.capability;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Platform;

/**
 * What a capability provider may ask about a loop.
 *
 * @param loopName       the public loop kind ({@code "SelectorEventLoop"})
 * @param backend        the I/O backend it waits in
 * @param rawDescriptors whether that backend watches raw file descriptors
 * @param platform       the machine: this JVM's ({@link Platform#current()}) for a live
 *                       loop, a hypothetical one when the capability matrix is worked out
 *                       for another platform. A provider must answer from these traits, not
 *                       from {@code System.getProperty("os.name")}, so that the matrix is
 *                       right for platforms we are not running on.
 */
public record LoopTraits(String loopName, Backend backend, boolean rawDescriptors, Platform platform) {

    /** The traits of a loop of this JVM's platform. */
    public static LoopTraits of(String loopName, Backend backend, boolean rawDescriptors) {
        return new LoopTraits(loopName, backend, rawDescriptors, Platform.current());
    }

    /** The operating-system family of the platform. */
    public Platform.Os os() {
        return platform.os();
    }

    /** {@code "SelectorEventLoop on the nio backend (Linux amd64)"}: the subject of an explanation. */
    public String describe() {
        return loopName + " on the " + backend.id() + " backend (" + platform + ")";
    }

    public boolean isReadiness() {
        return backend.kind() == Backend.Kind.READINESS;
    }
}
