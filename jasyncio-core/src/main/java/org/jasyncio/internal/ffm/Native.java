package org.jasyncio.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the libc bindings can run in this JVM, and the plumbing every binding shares:
 * looking functions up, capturing {@code errno}, turning a failed call into an
 * {@link ErrnoException}.
 *
 * <p>Design note: the probe runs no restricted method (symbol lookup is not one), so
 * asking whether the FFM backends are available never triggers the JDK's native-access
 * warning. The binding classes ({@link Libc}, {@link EPoll}, ...) create their method
 * handles when first used, which happens only after a backend was found available.
 *
 * <p>Only Linux on x86_64 and aarch64 is supported: those are the struct layouts written
 * here. {@code poll} and {@code select} exist on every POSIX system, but their layouts and
 * constants have only been written (and tested) for Linux.
 */
public final class Native {
    /** The processor architectures whose struct layouts these bindings know. */
    public enum Arch { X86_64, AARCH64 }

    /** The libc functions every binding needs; {@code fstat} is checked separately (it may be {@code __fxstat}). */
    private static final List<String> REQUIRED = List.of(
            "epoll_create1", "epoll_ctl", "epoll_wait", "poll", "select", "eventfd", "pipe2", "read", "write",
            "close", "fcntl", "isatty", "open", "posix_openpt", "grantpt", "unlockpt", "ptsname_r", "getrlimit",
            "setrlimit", "strerror");

    private static final Arch ARCH = archOrNull();
    private static final String UNAVAILABLE = probe();

    private static final class Linking {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
        /**
         * One errno slot per thread. The loop thread uses its own for every call; a
         * thread that only wakes a loop up never allocates one (that call ignores errno).
         */
        static final ThreadLocal<MemorySegment> STATE =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));
    }

    private Native() {
    }

    /** Why the libc bindings cannot run here, or empty when they can. */
    public static Optional<String> unavailabilityCause() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    public static boolean isAvailable() {
        return UNAVAILABLE == null;
    }

    /** The architecture whose layouts are in use; only meaningful when available. */
    public static Arch arch() {
        return ARCH;
    }

    /** The platform as reports name it: {@code "Linux amd64"}. */
    public static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** Whether the bindings know the struct layouts of the JVM architecture {@code osArch}. */
    public static boolean knowsArch(String osArch) {
        return archOf(osArch) != null;
    }

    private static Arch archOrNull() {
        return archOf(System.getProperty("os.arch", ""));
    }

    private static Arch archOf(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> Arch.X86_64;
            case "aarch64", "arm64" -> Arch.AARCH64;
            default -> null;
        };
    }

    private static String probe() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            return "the libc bindings (FFM) are written for Linux only and this is " + os
                    + " (poll and select exist on other POSIX systems, but their struct layouts and constants "
                    + "have only been written and tested for Linux)";
        }
        if (ARCH == null) {
            return "the libc bindings know the struct layouts of x86_64 and aarch64 only, not "
                    + System.getProperty("os.arch");
        }
        Module module = Native.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String who = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return "native access is not enabled for " + (module.isNamed() ? "module " + who : "the class path")
                    + ": start the JVM with --enable-native-access=" + who;
        }
        try {
            SymbolLookup libc = Linking.LIBC;
            for (String name : REQUIRED) {
                if (libc.find(name).isEmpty()) {
                    return "the C library has no '" + name + "' function";
                }
            }
            if (libc.find("fstat").isEmpty() && libc.find("__fxstat").isEmpty()) {
                return "the C library has neither 'fstat' nor '__fxstat'";
            }
        } catch (Throwable t) {
            return "the JDK's foreign function linker is unavailable: " + t;
        }
        return null;
    }

    // ------------------------------------------------------------------ for the binding classes

    static boolean hasFunction(String name) {
        return Linking.LIBC.find(name).isPresent();
    }

    /** A downcall that captures errno; its first argument is the capture segment. */
    static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linking.CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return plainFunction(name, descriptor, all);
    }

    /**
     * A downcall that captures errno and runs as a critical function: no thread-state
     * transition, so only for calls that are short and never block.
     */
    static MethodHandle criticalFunction(String name, FunctionDescriptor descriptor) {
        return function(name, descriptor, Linker.Option.critical(false));
    }

    /** A downcall that does not capture errno. The package's one linking point (a restricted method). */
    @SuppressWarnings("restricted")
    static MethodHandle plainFunction(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = Linking.LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no function '" + name + "'"));
        return Linking.LINKER.downcallHandle(address, descriptor, options);
    }

    /** The calling thread's errno capture segment. */
    static MemorySegment callState() {
        return Linking.STATE.get();
    }

    static int errno(MemorySegment state) {
        return (int) Linking.ERRNO.get(state, 0L);
    }

    /** The exception for a call that returned -1, with the errno it captured. */
    static ErrnoException failure(String call, MemorySegment state) {
        return new ErrnoException(call, errno(state));
    }

    /** A method handle threw (only linkage errors can): rethrow it unchecked. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
