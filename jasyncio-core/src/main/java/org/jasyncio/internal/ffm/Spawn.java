package org.jasyncio.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Starting and reaping child processes: {@code posix_spawn}/{@code posix_spawnp}, their
 * file actions and attributes, signal sets, {@code waitid}, {@code waitpid} and
 * {@code kill}. One Java method per C call, no logic.
 *
 * <p>The {@code posix_spawn*} family returns an error number instead of setting errno;
 * those methods throw {@link ErrnoException} with it. Opaque C types
 * ({@code posix_spawn_file_actions_t}, {@code posix_spawnattr_t}, {@code sigset_t},
 * {@code siginfo_t}) are given as segments of at least the {@code *_SIZE} below (glibc's
 * sizes are 80, 336, 128 and 128 bytes on x86_64 and aarch64; these leave room).
 */
public final class Spawn {
    public static final long FILE_ACTIONS_SIZE = 256;
    public static final long ATTR_SIZE = 512;
    public static final long SIGSET_SIZE = 128;
    public static final long SIGINFO_SIZE = 128;
    /** {@code siginfo_t} fields used after {@code waitid}: {@code si_code}, {@code si_pid}, {@code si_status}. */
    public static final long SIGINFO_CODE_OFFSET = 8;
    public static final long SIGINFO_PID_OFFSET = 16;
    public static final long SIGINFO_STATUS_OFFSET = 24;

    public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    public static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    public static final short POSIX_SPAWN_SETSID = 0x80;

    public static final int P_PID = 1;
    public static final int P_PIDFD = 3;
    public static final int WNOHANG = 1;
    public static final int WEXITED = 4;
    public static final int CLD_EXITED = 1;
    public static final int CLD_KILLED = 2;
    public static final int CLD_DUMPED = 3;

    public static final int ESRCH = 3;
    public static final int ECHILD = 10;

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGPIPE = 13;
    public static final int SIGTERM = 15;
    public static final int SIGXFSZ = 25;

    private static final List<String> FUNCTIONS = List.of("posix_spawn", "posix_spawnp",
            "posix_spawn_file_actions_init", "posix_spawn_file_actions_destroy", "posix_spawn_file_actions_adddup2",
            "posix_spawn_file_actions_addclose", "posix_spawn_file_actions_addchdir_np",
            "posix_spawn_file_actions_addclosefrom_np", "posix_spawnattr_init", "posix_spawnattr_destroy",
            "posix_spawnattr_setflags", "posix_spawnattr_setsigmask", "posix_spawnattr_setsigdefault",
            "sigemptyset", "sigaddset", "waitid", "waitpid", "kill", "getpid");

    private static final class Bindings {
        static final FunctionDescriptor SPAWN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS);
        static final MethodHandle POSIX_SPAWN = Native.plainFunction("posix_spawn", SPAWN);
        static final MethodHandle POSIX_SPAWNP = Native.plainFunction("posix_spawnp", SPAWN);
        static final MethodHandle FA_INIT = Native.plainFunction("posix_spawn_file_actions_init",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle FA_DESTROY = Native.plainFunction("posix_spawn_file_actions_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle FA_ADDDUP2 = Native.plainFunction("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle FA_ADDCLOSE = Native.plainFunction("posix_spawn_file_actions_addclose",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle FA_ADDCHDIR = Native.plainFunction("posix_spawn_file_actions_addchdir_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle FA_ADDCLOSEFROM = Native.plainFunction("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle ATTR_INIT = Native.plainFunction("posix_spawnattr_init",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ATTR_DESTROY = Native.plainFunction("posix_spawnattr_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ATTR_SETFLAGS = Native.plainFunction("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        static final MethodHandle ATTR_SETSIGMASK = Native.plainFunction("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle ATTR_SETSIGDEFAULT = Native.plainFunction("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle SIGEMPTYSET = Native.function("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle SIGADDSET = Native.function("sigaddset",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle WAITID = Native.function("waitid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle WAITPID = Native.function("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle KILL = Native.function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle GETPID = Native.plainFunction("getpid", FunctionDescriptor.of(JAVA_INT));
    }

    private Spawn() {
    }

    /** Why these calls cannot run here (libc bindings unavailable, a function missing), or empty. */
    public static Optional<String> unavailabilityCause() {
        Optional<String> libc = Native.unavailabilityCause();
        if (libc.isPresent()) {
            return libc;
        }
        for (String name : FUNCTIONS) {
            if (!Native.hasFunction(name)) {
                return Optional.of("the C library has no '" + name + "' function (glibc 2.34 or later has all of "
                        + "posix_spawn's file actions used here)");
            }
        }
        return Optional.empty();
    }

    /** {@code posix_spawn(3)} (search {@code PATH} when {@code searchPath}: {@code posix_spawnp}): the child's pid. */
    public static int posixSpawn(boolean searchPath, MemorySegment path, MemorySegment fileActions,
            MemorySegment attr, MemorySegment argv, MemorySegment envp) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pid = arena.allocate(JAVA_INT);
            int err;
            try {
                err = (int) (searchPath ? Bindings.POSIX_SPAWNP : Bindings.POSIX_SPAWN).invokeExact(pid, path,
                        fileActions, attr, argv, envp);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            check(err, searchPath ? "posix_spawnp" : "posix_spawn");
            return pid.get(JAVA_INT, 0);
        }
    }

    public static void fileActionsInit(MemorySegment fileActions) {
        check(call(Bindings.FA_INIT, fileActions), "posix_spawn_file_actions_init");
    }

    public static void fileActionsDestroy(MemorySegment fileActions) {
        check(call(Bindings.FA_DESTROY, fileActions), "posix_spawn_file_actions_destroy");
    }

    public static void fileActionsAddDup2(MemorySegment fileActions, int fd, int newFd) {
        int err;
        try {
            err = (int) Bindings.FA_ADDDUP2.invokeExact(fileActions, fd, newFd);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        check(err, "posix_spawn_file_actions_adddup2");
    }

    public static void fileActionsAddClose(MemorySegment fileActions, int fd) {
        check(call(Bindings.FA_ADDCLOSE, fileActions, fd), "posix_spawn_file_actions_addclose");
    }

    /** {@code posix_spawn_file_actions_addclosefrom_np}: closes every descriptor from {@code lowFd} on in the child. */
    public static void fileActionsAddClosefrom(MemorySegment fileActions, int lowFd) {
        check(call(Bindings.FA_ADDCLOSEFROM, fileActions, lowFd), "posix_spawn_file_actions_addclosefrom_np");
    }

    /** {@code posix_spawn_file_actions_addchdir_np}: {@code path} is a C string. */
    public static void fileActionsAddChdir(MemorySegment fileActions, MemorySegment path) {
        int err;
        try {
            err = (int) Bindings.FA_ADDCHDIR.invokeExact(fileActions, path);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        check(err, "posix_spawn_file_actions_addchdir_np");
    }

    public static void attrInit(MemorySegment attr) {
        check(call(Bindings.ATTR_INIT, attr), "posix_spawnattr_init");
    }

    public static void attrDestroy(MemorySegment attr) {
        check(call(Bindings.ATTR_DESTROY, attr), "posix_spawnattr_destroy");
    }

    public static void attrSetFlags(MemorySegment attr, short flags) {
        int err;
        try {
            err = (int) Bindings.ATTR_SETFLAGS.invokeExact(attr, flags);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        check(err, "posix_spawnattr_setflags");
    }

    public static void attrSetSigmask(MemorySegment attr, MemorySegment sigset) {
        check(call(Bindings.ATTR_SETSIGMASK, attr, sigset), "posix_spawnattr_setsigmask");
    }

    public static void attrSetSigdefault(MemorySegment attr, MemorySegment sigset) {
        check(call(Bindings.ATTR_SETSIGDEFAULT, attr, sigset), "posix_spawnattr_setsigdefault");
    }

    /** {@code sigemptyset(3)}. */
    public static void sigemptyset(MemorySegment sigset) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.SIGEMPTYSET.invokeExact(state, sigset);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("sigemptyset", state);
        }
    }

    /** {@code sigaddset(3)}. */
    public static void sigaddset(MemorySegment sigset, int signal) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.SIGADDSET.invokeExact(state, sigset, signal);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("sigaddset", state);
        }
    }

    /**
     * {@code waitid(2)}: fills {@code siginfo} (zero it first: with {@code WNOHANG} and no
     * child ready, {@code si_pid} stays 0).
     */
    public static void waitid(int idType, int id, MemorySegment siginfo, int options) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.WAITID.invokeExact(state, idType, id, siginfo, options);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("waitid", state);
        }
    }

    /** {@code waitpid(2)}: the pid reaped (0 with {@code WNOHANG} and nothing to reap); {@code status} gets the raw status. */
    public static int waitpid(int pid, MemorySegment status, int options) {
        MemorySegment state = Native.callState();
        int r;
        try {
            r = (int) Bindings.WAITPID.invokeExact(state, pid, status, options);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw Native.failure("waitpid", state);
        }
        return r;
    }

    /** {@code kill(2)}. */
    public static void kill(int pid, int signal) {
        Libc.intCall(Bindings.KILL, "kill", pid, signal);
    }

    /** {@code getpid(2)}. */
    public static int getpid() {
        try {
            return (int) Bindings.GETPID.invokeExact();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static int call(MethodHandle handle, MemorySegment a) {
        try {
            return (int) handle.invokeExact(a);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static int call(MethodHandle handle, MemorySegment a, MemorySegment b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static int call(MethodHandle handle, MemorySegment a, int b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static void check(int err, String call) {
        if (err != 0) {
            throw new ErrnoException(call, err);
        }
    }
}
