package org.jasyncio.internal.process;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Pidfd;
import org.jasyncio.internal.ffm.Spawn;
import org.jasyncio.loop.Platform;
import org.jasyncio.subprocess.ChildWatcher;

/**
 * The one place that decides how a loop starts and watches children: {@link ChildWatcher#PIDFD}
 * when the loop's backend watches raw descriptors and this system has
 * {@code posix_spawn} with its file actions and working pidfds; {@link ChildWatcher#THREADED}
 * otherwise. The system property {@code jasyncio.childWatcher=threaded} forces the
 * threaded strategy (for comparison and tests); {@code =pidfd} insists on pidfds and
 * fails to start children where they are unavailable, saying why.
 *
 * <p>The pidfd probe runs once per JVM: {@code pidfd_open} on this process, then
 * {@code waitid(P_PIDFD, WNOHANG)} on it, which answers ECHILD on a kernel that knows
 * {@code P_PIDFD} (5.4+) and EINVAL on one that does not.
 */
public final class ChildStrategy {
    private static final String PROPERTY = "jasyncio.childWatcher";

    private ChildStrategy() {
    }

    private static final class Probe {
        static final String PIDFD_UNAVAILABLE = probe();

        private static String probe() {
            Optional<String> spawn = Spawn.unavailabilityCause();
            if (spawn.isPresent()) {
                return spawn.get();
            }
            Optional<String> pidfd = Pidfd.unavailabilityCause();
            if (pidfd.isPresent()) {
                return pidfd.get();
            }
            int fd;
            try {
                fd = Pidfd.open(Spawn.getpid(), 0);
            } catch (ErrnoException e) {
                return "pidfd_open failed (" + e.getMessage() + "): the kernel needs Linux 5.3 or later";
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment info = arena.allocate(Spawn.SIGINFO_SIZE);
                Spawn.waitid(Spawn.P_PIDFD, fd, info, Spawn.WEXITED | Spawn.WNOHANG);
                return null; // waiting on our own process cannot succeed, but the kernel took P_PIDFD
            } catch (ErrnoException e) {
                return e.errno() == Spawn.ECHILD ? null
                        : "waitid(P_PIDFD) failed (" + e.getMessage() + "): the kernel needs Linux 5.4 or later";
            } finally {
                Libc.close(fd);
            }
        }
    }

    /** Why pidfd child watching is unavailable in this JVM (whatever the loop), or empty. */
    public static Optional<String> pidfdUnavailable() {
        if ("threaded".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return Optional.of("the system property " + PROPERTY + "=threaded forces the threaded child watcher");
        }
        return Optional.ofNullable(Probe.PIDFD_UNAVAILABLE);
    }

    /**
     * Why a loop with these traits cannot watch children with pidfds, or empty when it can.
     * For a platform other than this JVM's (the capability matrix) the answer follows the
     * operating system: pidfds are Linux's (5.4 or later); this JVM's probe is not asked.
     */
    public static Optional<String> whyNotPidfd(LoopTraits loop) {
        if (loop.os() != Platform.Os.LINUX) {
            return Optional.of(loop.describe() + " cannot watch child processes with pidfds: pidfds and "
                    + "waitid(P_PIDFD) are Linux's (5.4 or later). Children are started with ProcessBuilder and "
                    + "watched by helper threads instead");
        }
        Optional<String> system = loop.platform().isCurrent() ? pidfdUnavailable() : Optional.empty();
        if (system.isPresent()) {
            return Optional.of(loop.describe() + " cannot watch child processes with pidfds: " + system.get()
                    + ". Children are started with ProcessBuilder and watched by helper threads instead");
        }
        if (!loop.rawDescriptors()) {
            return Optional.of(loop.describe() + " watches JDK channels only, so it cannot watch a pidfd or a "
                    + "raw pipe: children are started with ProcessBuilder and watched by helper threads. Open the "
                    + "loop with SelectorEventLoop.open(Backend.EPOLL) for the pidfd child watcher");
        }
        return Optional.empty();
    }

    /**
     * Why a loop with these traits starts no child at all, or empty: in this JVM,
     * {@code jasyncio.childWatcher=pidfd} on a loop that cannot watch pidfds (the
     * capability matrix reports {@code SUBPROCESSES} refused with this explanation).
     */
    public static Optional<String> whyNoChildren(LoopTraits loop) {
        if (!loop.platform().isCurrent() || !"pidfd".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return Optional.empty();
        }
        return whyNotPidfd(loop).map(why -> PROPERTY + "=pidfd, but " + why);
    }

    /** The strategy for a loop with these traits. */
    public static ChildWatcher choose(LoopTraits loop) {
        Optional<String> none = whyNoChildren(loop);
        if (none.isPresent()) {
            throw new UnsupportedOperationException(none.get());
        }
        return whyNotPidfd(loop).isEmpty() ? ChildWatcher.PIDFD : ChildWatcher.THREADED;
    }
}
