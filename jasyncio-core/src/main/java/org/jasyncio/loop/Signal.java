package org.jasyncio.loop;

import java.util.Locale;
import java.util.Optional;

import org.jasyncio.internal.signal.SignalDispositions;

/**
 * A POSIX signal by name, with its number on this operating system: what
 * {@link EventLoop#addSignalHandler(Signal, Runnable)} takes (asyncio's {@code signal.SIG*}).
 *
 * <p>Design note: Linux and macOS number several signals differently (SIGUSR1 is 10 on
 * Linux, 30 on macOS; SIGBUS 7 and 10; SIGCHLD 17 and 20 ...), and Windows has only the
 * C runtime's six. This enum is the one table of those numbers: a constant that does not
 * exist on this system has {@link #number()} {@code 0} and {@link #exists()} false.
 * Linux's numbers are the x86_64/aarch64 ones (the only Linux architectures jasyncio's
 * native bindings know). Real-time signals (Linux's SIGRTMIN..SIGRTMAX) are not here:
 * the JVM's signal API only knows named signals.
 *
 * <p>Which signals a handler may be added for is decided by the loop, not by this table:
 * the JVM reserves several (SIGQUIT, SIGSEGV, SIGBUS, SIGUSR2 ...) and SIGKILL/SIGSTOP
 * cannot be caught at all; docs/signals.md lists them and why.
 */
public enum Signal {
    HUP(1, 1, 0),
    INT(2, 2, 2),
    QUIT(3, 3, 0),
    ILL(4, 4, 4),
    TRAP(5, 5, 0),
    ABRT(6, 6, 22),
    /** macOS only. */
    EMT(0, 7, 0),
    FPE(8, 8, 8),
    KILL(9, 9, 0),
    BUS(7, 10, 0),
    SEGV(11, 11, 11),
    SYS(31, 12, 0),
    PIPE(13, 13, 0),
    ALRM(14, 14, 0),
    TERM(15, 15, 15),
    URG(23, 16, 0),
    STOP(19, 17, 0),
    TSTP(20, 18, 0),
    CONT(18, 19, 0),
    CHLD(17, 20, 0),
    TTIN(21, 21, 0),
    TTOU(22, 22, 0),
    IO(29, 23, 0),
    XCPU(24, 24, 0),
    XFSZ(25, 25, 0),
    VTALRM(26, 26, 0),
    PROF(27, 27, 0),
    WINCH(28, 28, 0),
    /** macOS only. */
    INFO(0, 29, 0),
    USR1(10, 30, 0),
    USR2(12, 31, 0),
    /** Linux only. */
    STKFLT(16, 0, 0),
    /** Linux only. */
    PWR(30, 0, 0),
    /** Windows only: Ctrl-Break. */
    BREAK(0, 0, 21);

    private enum Os { LINUX, MACOS, WINDOWS, OTHER }

    private static final Os OS = currentOs();

    /**
     * asyncio's {@code signal.NSIG} here: valid numbers are {@code 1 <= n < NSIG}. Linux
     * counts its real-time signals (up to 64), macOS stops at 31.
     */
    public static final int NSIG = switch (OS) {
        case LINUX -> 65;
        case MACOS -> 32;
        case WINDOWS -> 23;
        case OTHER -> 32;
    };

    private final int linux;
    private final int macos;
    private final int windows;

    Signal(int linux, int macos, int windows) {
        this.linux = linux;
        this.macos = macos;
        this.windows = windows;
    }

    /** This signal's number on this operating system, or 0 when it has none here. */
    public int number() {
        return switch (OS) {
            case LINUX -> linux;
            case MACOS, OTHER -> macos;
            case WINDOWS -> windows;
        };
    }

    /** Whether this operating system has this signal. */
    public boolean exists() {
        return number() != 0;
    }

    /** The C name: {@code "SIGUSR1"}. */
    public String cName() {
        return "SIG" + name();
    }

    /**
     * Whether this signal was ignored ({@code SIG_IGN}) when the process started, as under
     * {@code nohup} (SIGHUP) or a shell's background job (SIGINT, SIGQUIT): the disposition
     * the process inherited, as first observed by jasyncio. A handler added for such a
     * signal still runs, with a warning in the log; removing it restores the ignoring.
     * Any thread.
     */
    public boolean ignoredAtStart() {
        return exists() && SignalDispositions.ignoredAtStart(this);
    }

    /**
     * The signal numbered {@code number} on this system.
     *
     * @throws IllegalArgumentException (asyncio's ValueError) if {@code number} is outside
     *         {@code 1 <= number < NSIG}, or names a signal the JVM cannot handle by name
     *         (a Linux real-time signal)
     */
    public static Signal of(int number) {
        if (number < 1 || number >= NSIG) {
            throw new IllegalArgumentException("invalid signal number " + number + " (valid: 1 <= number < " + NSIG
                    + ")");
        }
        for (Signal s : values()) {
            if (s.number() == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("signal " + number + " has no name on " + System.getProperty("os.name")
                + " (a real-time signal): the JVM's signal API only handles named signals");
    }

    /** The signal called {@code name}: {@code "USR1"}, {@code "SIGUSR1"} or {@code "sigusr1"}. */
    public static Optional<Signal> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
        if (bare.equals("CLD")) {
            bare = "CHLD";
        } else if (bare.equals("IOT")) {
            bare = "ABRT";
        } else if (bare.equals("POLL")) {
            bare = "IO";
        }
        for (Signal s : values()) {
            if (s.name().equals(bare) && s.exists()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Os currentOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return Os.LINUX;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Os.MACOS;
        }
        if (os.startsWith("windows")) {
            return Os.WINDOWS;
        }
        // The BSDs number their signals as macOS does (both inherit 4.4BSD's table).
        return Os.OTHER;
    }
}
