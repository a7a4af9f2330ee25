package org.jasyncio.loop;

import java.util.Locale;
import java.util.Objects;

/**
 * The machine a loop runs on: operating system family, its version, processor
 * architecture, kernel and JDK. {@link #current()} describes this JVM's machine; the
 * other constructors describe hypothetical ones, so the capability matrix can be worked
 * out from the code for a platform it is not running on
 * ({@link CapabilityMatrix#of(Platform)}).
 *
 * <p>Design note: it lives in {@code org.jasyncio.loop} beside {@link Backend} and
 * {@link Capability} because those three are what a loop's answers depend on; the
 * default loop for a platform is {@link #defaultBackend()}, decided in one place.
 *
 * @param os        the operating-system family
 * @param osName    the JVM's {@code os.name} ({@code "Linux"}, {@code "Mac OS X"}, ...)
 * @param osVersion the JVM's {@code os.version}
 * @param arch      the JVM's {@code os.arch} ({@code "amd64"}, {@code "aarch64"}, ...)
 * @param kernel    the kernel: its release on Linux ({@code uname -r}), {@code "XNU"} on
 *                  macOS, {@code "NT"} on Windows, else the OS name
 * @param jdk       the Java runtime version ({@code Runtime.version()})
 */
public record Platform(Os os, String osName, String osVersion, String arch, String kernel, String jdk) {

    /** Operating-system families whose differences the code knows. */
    public enum Os {
        LINUX, MACOS, WINDOWS, OTHER;

        /** The family of a JVM {@code os.name}. */
        public static Os of(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.startsWith("linux")) {
                return LINUX;
            }
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MACOS;
            }
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            return OTHER;
        }

        /** A typical {@code os.name} of this family, for hypothetical platforms. */
        String typicalName() {
            return switch (this) {
                case LINUX -> "Linux";
                case MACOS -> "Mac OS X";
                case WINDOWS -> "Windows 11";
                case OTHER -> "FreeBSD";
            };
        }
    }

    private static final Platform CURRENT = detect();

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(jdk, "jdk");
    }

    /** This JVM's machine. */
    public static Platform current() {
        return CURRENT;
    }

    /**
     * A hypothetical machine of family {@code os} on {@code arch}, running this JDK: what the
     * capability matrix is computed for when asking about a platform we are not on.
     */
    public static Platform hypothetical(Os os, String arch) {
        if (os == CURRENT.os && arch.equals(CURRENT.arch)) {
            return CURRENT;
        }
        String name = os.typicalName();
        return new Platform(os, name, "", arch, kernelOf(os, name, ""), CURRENT.jdk);
    }

    /** Whether this describes the machine this JVM runs on. */
    public boolean isCurrent() {
        return equals(CURRENT);
    }

    /**
     * The backend of this platform's default loop: epoll on Linux, the JDK selector (kqueue
     * on macOS, wepoll on Windows) elsewhere. The one place this choice is made; on this
     * machine {@link Backend#defaultSelectorBackend()} applies it with the
     * {@code -Djasyncio.backend} override and the fall-back to nio when epoll cannot run in
     * this JVM. Windows gets a completion-based loop as its default once one exists.
     */
    public Backend defaultBackend() {
        return os == Os.LINUX ? Backend.EPOLL : Backend.NIO;
    }

    /** {@code "Linux amd64"}: how explanations name the platform. */
    @Override
    public String toString() {
        return osName + " " + arch;
    }

    private static Platform detect() {
        String name = System.getProperty("os.name", "unknown");
        String version = System.getProperty("os.version", "");
        Os os = Os.of(name);
        return new Platform(os, name, version, System.getProperty("os.arch", "unknown"),
                kernelOf(os, name, version), Runtime.version().toString());
    }

    private static String kernelOf(Os os, String name, String version) {
        return switch (os) {
            case LINUX -> version.isEmpty() ? "Linux" : "Linux " + version;
            case MACOS -> "XNU";
            case WINDOWS -> "NT";
            case OTHER -> name;
        };
    }
}
