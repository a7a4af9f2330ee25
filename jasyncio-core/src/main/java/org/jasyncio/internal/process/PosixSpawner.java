package org.jasyncio.internal.process;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jasyncio.internal.ffm.Errno;
import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Pidfd;
import org.jasyncio.internal.ffm.Spawn;
import org.jasyncio.subprocess.SpawnException;
import org.jasyncio.subprocess.Stdio;
import org.jasyncio.subprocess.SubprocessOptions;

/**
 * Starts a child with {@code posix_spawn} and opens its pidfd (the {@code PIDFD} strategy).
 *
 * <p>Descriptors: each {@link Stdio#PIPE} is a {@code pipe2(O_CLOEXEC)} whose parent end is
 * then made non-blocking and whose child end stays blocking. The order matters: the
 * child's copy made by {@code dup2} loses close-on-exec but shares the open file
 * description, and so its {@code O_NONBLOCK} flag, and most programs do not expect a
 * non-blocking stdin or stdout. Every descriptor of this process is close-on-exec or
 * closed in the child ({@code closefrom(3)}, asyncio's {@code close_fds=True}), so the child
 * holds exactly 0, 1 and 2. A given descriptor below 3 is first copied above 2, so the
 * {@code dup2} actions never overwrite a source still to be copied.
 *
 * <p>Signals: the child starts with an empty signal mask and SIGPIPE and SIGXFSZ at their
 * defaults (asyncio's {@code restore_signals=True}); the JVM's threads block or ignore
 * some signals and a child would inherit that.
 *
 * <p>On any failure everything opened here is closed before the exception leaves, and a
 * child whose pidfd could not be opened is killed and reaped.
 */
final class PosixSpawner {
    /** What was started: the pid, its pidfd, and the parent's pipe ends for fds 0, 1, 2 (-1: no pipe). */
    record Spawned(int pid, int pidfd, int[] parentEnds) {
    }

    private PosixSpawner() {
    }

    static Spawned spawn(List<String> args, SubprocessOptions options) {
        String program = resolve(args.getFirst(), options);
        List<Integer> closeAfter = new ArrayList<>(); // child ends and temporary copies
        int[] parentEnds = {-1, -1, -1};
        boolean started = false;
        try (Arena arena = Arena.ofConfined()) {
            int[] sources = new int[3];
            Stdio[] stdio = {options.stdin(), options.stdout(), options.stderr()};
            int devnull = -1;
            for (int fd = 0; fd < 3; fd++) {
                Stdio s = stdio[fd];
                if (s == Stdio.PIPE) {
                    int[] p = Libc.pipe2(Libc.O_CLOEXEC);
                    int parent = fd == 0 ? p[1] : p[0];
                    int child = fd == 0 ? p[0] : p[1];
                    parentEnds[fd] = parent;
                    closeAfter.add(child);
                    Libc.fcntl(parent, Libc.F_SETFL, Libc.fcntl(parent, Libc.F_GETFL, 0) | Libc.O_NONBLOCK);
                    sources[fd] = child;
                } else if (s == Stdio.DEVNULL) {
                    if (devnull < 0) {
                        devnull = Libc.open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC);
                        closeAfter.add(devnull);
                    }
                    sources[fd] = devnull;
                } else if (s == Stdio.INHERIT) {
                    sources[fd] = -1;
                } else if (s == Stdio.STDOUT) {
                    sources[fd] = -2;
                } else {
                    int given = ((Stdio.Descriptor) s).fd();
                    int copy;
                    try {
                        copy = Libc.fcntl(given, Libc.F_DUPFD_CLOEXEC, 3);
                    } catch (ErrnoException e) {
                        throw new IllegalArgumentException("Stdio.fd(" + given + ") for the child's descriptor "
                                + fd + " is not an open descriptor: " + e.getMessage(), e);
                    }
                    closeAfter.add(copy);
                    sources[fd] = copy;
                }
            }
            MemorySegment actions = arena.allocate(Spawn.FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(Spawn.ATTR_SIZE, 16);
            Spawn.fileActionsInit(actions);
            Spawn.attrInit(attr);
            int pid;
            try {
                for (int fd = 0; fd < 3; fd++) {
                    if (sources[fd] >= 0) {
                        Spawn.fileActionsAddDup2(actions, sources[fd], fd);
                    } else if (sources[fd] == -2) {
                        Spawn.fileActionsAddDup2(actions, 1, 2);
                    }
                }
                Spawn.fileActionsAddClosefrom(actions, 3);
                if (options.cwd() != null) {
                    Spawn.fileActionsAddChdir(actions, arena.allocateFrom(options.cwd().toString()));
                }
                MemorySegment empty = arena.allocate(Spawn.SIGSET_SIZE, 8);
                Spawn.sigemptyset(empty);
                MemorySegment defaults = arena.allocate(Spawn.SIGSET_SIZE, 8);
                Spawn.sigemptyset(defaults);
                Spawn.sigaddset(defaults, Spawn.SIGPIPE);
                Spawn.sigaddset(defaults, Spawn.SIGXFSZ);
                Spawn.attrSetSigmask(attr, empty);
                Spawn.attrSetSigdefault(attr, defaults);
                Spawn.attrSetFlags(attr, (short) (Spawn.POSIX_SPAWN_SETSIGMASK | Spawn.POSIX_SPAWN_SETSIGDEF));
                MemorySegment argv = strings(arena, args);
                MemorySegment envp = strings(arena, environment(options.env()));
                try {
                    pid = Spawn.posixSpawn(false, arena.allocateFrom(program), actions, attr, argv, envp);
                } catch (ErrnoException e) {
                    throw failure(args.getFirst(), e, options);
                }
            } finally {
                Spawn.fileActionsDestroy(actions);
                Spawn.attrDestroy(attr);
            }
            int pidfd;
            try {
                pidfd = Pidfd.open(pid, 0);
            } catch (ErrnoException e) {
                killAndReap(pid);
                throw new SpawnException(args.getFirst(), "pidfd_open on the new child failed: " + e.getMessage(), e);
            }
            started = true;
            return new Spawned(pid, pidfd, parentEnds);
        } finally {
            for (int fd : closeAfter) {
                closeQuietly(fd);
            }
            if (!started) {
                for (int fd : parentEnds) {
                    if (fd >= 0) {
                        closeQuietly(fd);
                    }
                }
            }
        }
    }

    private static SpawnException failure(String program, ErrnoException e, SubprocessOptions options) {
        String reason = Errno.describe(e.errno());
        if (e.errno() == Errno.ENOENT && options.cwd() != null && !Files.isDirectory(options.cwd())) {
            reason += ": the working directory " + options.cwd() + " does not exist";
        }
        return new SpawnException(program, reason, e);
    }

    /**
     * The program's path: as given when it contains a slash, else the first executable
     * file of that name along the child's {@code PATH} (from {@code env} when given, as
     * Python's {@code subprocess} searches), else ENOENT.
     */
    static String resolve(String name, SubprocessOptions options) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the program name (args[0]) is empty");
        }
        if (name.indexOf('/') >= 0) {
            return name;
        }
        String path = options.env() != null && options.env().containsKey("PATH") ? options.env().get("PATH")
                : System.getenv().getOrDefault("PATH", "/bin:/usr/bin");
        for (String dir : path.split(File.pathSeparator, -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new SpawnException(name, Errno.describe(Errno.ENOENT) + ": not found along PATH=" + path, null);
    }

    private static List<String> environment(Map<String, String> env) {
        Map<String, String> source = env != null ? env : System.getenv();
        List<String> entries = new ArrayList<>(source.size());
        source.forEach((k, v) -> entries.add(k + "=" + v));
        return entries;
    }

    /** A NULL-terminated {@code char *[]}. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument or environment entry contains a NUL character: " + v);
            }
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(v));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** SIGKILL and a blocking reap: for a child that must not outlive a failure or a closing loop. */
    static void killAndReap(int pid) {
        try {
            Spawn.kill(pid, Spawn.SIGKILL);
        } catch (ErrnoException ignored) {
            // already gone: reap it all the same
        }
        try (Arena arena = Arena.ofConfined()) {
            Spawn.waitpid(pid, arena.allocate(4), 0);
        } catch (ErrnoException ignored) {
            // reaped already
        }
    }

    static void closeQuietly(int fd) {
        try {
            Libc.close(fd);
        } catch (ErrnoException ignored) {
            // closing on a failure path
        }
    }
}
