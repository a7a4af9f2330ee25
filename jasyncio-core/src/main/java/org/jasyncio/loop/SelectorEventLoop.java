package org.jasyncio.loop;

import org.jasyncio.internal.core.SelectorLoop;

/**
 * A loop that waits for readiness in a selector-style {@link Backend}: asyncio's
 * {@code SelectorEventLoop}. {@code SelectorEventLoop.open(Backend.SELECT)} is the Java
 * twin of {@code asyncio.SelectorEventLoop(selectors.SelectSelector())}.
 */
public interface SelectorEventLoop extends EventLoop {

    /** A selector loop on this platform's default readiness backend. */
    static SelectorEventLoop open() {
        return open(Backend.defaultSelectorBackend());
    }

    /**
     * A selector loop on {@code backend}.
     *
     * @throws UnsupportedOperationException if the backend is not available here (the
     *         message says why)
     */
    static SelectorEventLoop open(Backend backend) {
        return new SelectorLoop(backend);
    }

    /** The backend this loop waits in. */
    Backend backend();
}
