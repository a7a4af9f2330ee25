package org.jasyncio.internal.io;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jasyncio.internal.epoll.EpollBackend;
import org.jasyncio.internal.fd.ChannelDescriptors;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.nio.NioBackend;
import org.jasyncio.internal.poll.PollBackend;
import org.jasyncio.internal.select.SelectBackend;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Platform;

/**
 * The one place that maps a {@link Backend} to its implementation, knows whether it is
 * available on this machine (and why not), and chooses the platform default.
 *
 * <p>Availability rules: nio runs everywhere. epoll, poll and select need the libc
 * bindings ({@link Native}: Linux on x86_64 or aarch64, with native access enabled);
 * epoll is Linux-only in any case. poll and select exist on every POSIX system, but only
 * their Linux layouts are written and tested, so elsewhere they report that.
 */
public final class BackendFactory {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");
    private static final AtomicBoolean WARNED_DEFAULT = new AtomicBoolean();

    private BackendFactory() {
    }

    /** Opens a readiness {@code backend}, or explains why it cannot be opened here. */
    public static ReadinessBackend openReadiness(Backend backend) {
        if (backend.kind() != Backend.Kind.READINESS) {
            throw new IllegalArgumentException("'" + backend.id() + "' is a completion backend, not a readiness one");
        }
        return (ReadinessBackend) open(backend);
    }

    /** Opens {@code backend}, or explains why it cannot be opened here. */
    public static IoBackend open(Backend backend) {
        Optional<String> cause = unavailabilityCause(backend);
        if (cause.isPresent()) {
            throw new UnsupportedOperationException("I/O backend '" + backend.id() + "' is not available on "
                    + System.getProperty("os.name") + ": " + cause.get());
        }
        return switch (backend) {
            case NIO -> new NioBackend();
            case EPOLL -> new EpollBackend();
            case POLL -> new PollBackend();
            case SELECT -> new SelectBackend();
        };
    }

    /** Why {@code backend} cannot run here, or empty when it can. */
    public static Optional<String> unavailabilityCause(Backend backend) {
        return platformCause(backend, Platform.current()).or(() -> switch (backend) {
            case NIO -> Optional.empty();
            case EPOLL, POLL, SELECT -> Native.unavailabilityCause();
        });
    }

    /**
     * Why this build of {@code backend} cannot run on {@code platform} at all, whatever the
     * JVM's flags, or empty when it is built for it: the rule the capability matrix applies
     * to platforms we are not running on. nio runs everywhere; epoll is Linux's; poll and
     * select are POSIX, but only their Linux layouts (x86_64, aarch64) are written.
     */
    public static Optional<String> platformCause(Backend backend, Platform platform) {
        return switch (backend) {
            case NIO -> Optional.empty();
            case EPOLL, POLL, SELECT -> {
                if (backend == Backend.EPOLL && platform.os() != Platform.Os.LINUX) {
                    yield Optional.of("epoll is a Linux system call and this is " + platform.osName());
                }
                if (platform.os() != Platform.Os.LINUX) {
                    yield Optional.of("the libc bindings (FFM) behind " + backend.id() + " are written for Linux "
                            + "only and this is " + platform.osName());
                }
                yield Native.knowsArch(platform.arch()) ? Optional.empty()
                        : Optional.of("the libc bindings know the struct layouts of x86_64 and aarch64 only, not "
                                + platform.arch());
            }
        };
    }

    /** The backends this build has for {@code platform}, in declaration order (the matrix's loops). */
    public static List<Backend> builtFor(Platform platform) {
        return Arrays.stream(Backend.values()).filter(b -> platformCause(b, platform).isEmpty()).toList();
    }

    /** Whether {@code backend} watches raw file descriptors (the FFM backends) or only JDK channels (nio). */
    public static boolean watchesRawDescriptors(Backend backend) {
        return backend != Backend.NIO;
    }

    /** The highest descriptor number plus one that {@code backend} can watch, or 0 for no limit. */
    public static int descriptorLimit(Backend backend) {
        return backend == Backend.SELECT ? org.jasyncio.internal.ffm.Select.FD_SETSIZE : 0;
    }

    /**
     * The readiness backend a selector loop uses when none is named: the one the property
     * {@code jasyncio.backend} names (e.g. {@code -Djasyncio.backend=poll}; opening it
     * fails with the reason if it is unavailable, nothing falls back silently); else
     * {@link Platform#defaultBackend()}: epoll on Linux, nio elsewhere. On Linux, nio is used instead when epoll is
     * unavailable or cannot watch JDK channels in this JVM (a missing flag): logged once,
     * with the fix.
     */
    public static Backend defaultSelectorBackend() {
        String named = System.getProperty("jasyncio.backend", "");
        if (!named.isBlank()) {
            Backend chosen = Backend.byId(named.strip());
            if (chosen.kind() != Backend.Kind.READINESS) {
                throw new IllegalArgumentException("-Djasyncio.backend=" + named + " names a completion backend; "
                        + "selector loops need a readiness backend");
            }
            return chosen;
        }
        Backend platformDefault = Platform.current().defaultBackend();
        if (platformDefault != Backend.EPOLL) {
            return platformDefault;
        }
        Optional<String> cause = unavailabilityCause(Backend.EPOLL).or(ChannelDescriptors::unavailabilityCause);
        if (cause.isEmpty()) {
            return Backend.EPOLL;
        }
        if (WARNED_DEFAULT.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "jasyncio: loops use the nio backend instead of epoll, the Linux "
                    + "default, because " + cause.get() + " (docs/jvm-flags.md)");
        }
        return Backend.NIO;
    }
}
