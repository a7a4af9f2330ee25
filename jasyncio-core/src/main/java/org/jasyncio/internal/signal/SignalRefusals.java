package org.jasyncio.internal.signal;

import java.util.Locale;
import java.util.Optional;

import org.jasyncio.loop.Signal;

/**
 * Which signals a loop refuses to handle, and why, before anything is installed.
 *
 * <p>Design note (measured with {@code sun.misc.Signal.handle} on Temurin 25, Linux
 * x86_64): the JVM itself refuses SIGQUIT, SIGILL, SIGFPE, SIGSEGV, SIGKILL and SIGSTOP
 * ("Signal already used by VM or OS"), and with {@code -Xrs} also SIGHUP, SIGINT and
 * SIGTERM. It <em>accepts</em> SIGBUS, SIGUSR2, SIGPIPE and SIGXFSZ although its own native
 * handlers sit there (the previous handler it returns is a {@code NativeHandler}):
 * replacing them would break the JVM (SIGBUS reports faults on memory-mapped files,
 * SIGUSR2 suspends threads for sampling and handshakes) or change I/O errors into
 * process deaths once restored imperfectly (SIGPIPE, SIGXFSZ). So those are refused here,
 * before the JVM is asked. Anything else the JVM refuses at run time, and any other
 * signal found to carry a native handler, is refused by {@link SignalDispatcher} with the
 * JVM's own words.
 */
public final class SignalRefusals {
    private SignalRefusals() {
    }

    /** Why no loop may handle {@code signal} on this JVM, or empty when it may try. */
    public static Optional<String> refusal(Signal signal) {
        String name = signal.cName();
        if (!signal.exists()) {
            return Optional.of(name + " does not exist on " + System.getProperty("os.name"));
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                && signal != Signal.INT && signal != Signal.TERM) {
            return Optional.of(name + " cannot be handled on Windows: the JVM delivers only SIGINT (Ctrl-C) and "
                    + "SIGTERM (console close, logoff, shutdown) to Java handlers there");
        }
        String why = switch (signal) {
            case KILL, STOP -> "cannot be caught: the operating system never lets a process handle it";
            case QUIT -> "belongs to the JVM, which prints a thread dump on it (kill -3, jstack); use another "
                    + "signal such as SIGUSR1";
            case ILL, FPE, SEGV -> "belongs to the JVM, which turns it into exceptions "
                    + "(NullPointerException, ArithmeticException, StackOverflowError) or a crash report";
            case BUS -> "belongs to the JVM, which turns faults on memory-mapped files into InternalError; a "
                    + "handler in Java would let such a fault crash the process";
            case USR2 -> "belongs to the JVM, which suspends and resumes threads with it (thread sampling, "
                    + "handshakes); replacing its handler would hang the JVM: use SIGUSR1 instead";
            case PIPE, XFSZ -> "belongs to the JVM, whose native handler keeps it from killing the process so a "
                    + "write fails with an IOException (broken pipe, file too large) instead; jasyncio does not "
                    + "replace native handlers";
            default -> null;
        };
        return Optional.ofNullable(why).map(w -> name + " " + w);
    }
}
