package org.jasyncio.loop;

import java.util.Optional;

import org.jasyncio.internal.io.BackendFactory;

/**
 * The I/O backends a loop can wait in: the Java twin of asyncio's choice of
 * {@code selectors.*Selector}. Each one says whether it can run on this machine and, if
 * not, why (Netty's {@code Epoll.isAvailable()} / {@code unavailabilityCause()}).
 */
public enum Backend {
    /** The JDK {@link java.nio.channels.Selector}: portable (epoll, kqueue, wepoll); JDK channels only. */
    NIO("nio", Kind.READINESS),
    /**
     * Linux {@code epoll} through FFM, on raw descriptors and JDK channels: the default on
     * Linux. Needs {@code --enable-native-access}.
     */
    EPOLL("epoll", Kind.READINESS),
    /** POSIX {@code poll} through FFM (asyncio's {@code PollSelector}): no descriptor limit. */
    POLL("poll", Kind.READINESS),
    /**
     * POSIX {@code select} through FFM (asyncio's {@code SelectSelector}): descriptors
     * at or above FD_SETSIZE (1024) are refused with a clear error.
     */
    SELECT("select", Kind.READINESS);

    /** Whether a backend reports readiness (a selector) or completion (a proactor). */
    public enum Kind { READINESS, COMPLETION }

    private final String id;
    private final Kind kind;

    Backend(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The short name used in reports and on the command line ({@code "nio"}, ...). */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether this backend can be opened on this machine. */
    public boolean isAvailable() {
        return BackendFactory.unavailabilityCause(this).isEmpty();
    }

    /** Why this backend cannot be opened here, or empty when it can. */
    public Optional<String> unavailabilityCause() {
        return BackendFactory.unavailabilityCause(this);
    }

    /** The backend named {@code id} (case-insensitive). */
    public static Backend byId(String id) {
        for (Backend b : values()) {
            if (b.id.equalsIgnoreCase(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no I/O backend named '" + id + "'; known: "
                + java.util.Arrays.stream(values()).map(Backend::id).toList());
    }

    /**
     * The default readiness backend: the one {@code -Djasyncio.backend=<id>} names, else
     * epoll on Linux and the JDK selector elsewhere (and on Linux when epoll is unavailable
     * or cannot watch JDK channels in this JVM, which is logged once with the reason).
     */
    public static Backend defaultSelectorBackend() {
        return BackendFactory.defaultSelectorBackend();
    }
}
