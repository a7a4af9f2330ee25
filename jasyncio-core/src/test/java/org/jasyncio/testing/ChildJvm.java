package org.jasyncio.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from a test, for what cannot be tested inside the test JVM: a signal
 * sent to the process (Ctrl-C), or a JVM option that must hold from the start. Same JDK,
 * same class path, the flags jasyncio needs; stdout and stderr are merged and collected.
 * Every wait is bounded, and {@link #close()} kills the process if it is still alive.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-jvm-output").start(this::readOutput);
    }

    /** Starts {@code main} with {@code jvmOptions} before the class name and {@code args} after it. */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        Process p = new ProcessBuilder(command(main, jvmOptions, args)).redirectErrorStream(true).start();
        return new ChildJvm(p);
    }

    /**
     * {@link #start} with {@code ignored} signals ("USR1", "HUP" ...) set to {@code SIG_IGN}
     * before the JVM starts, as {@code nohup} or a background job would leave them: a shell
     * runs {@code trap '' SIGS} and then execs the JVM (POSIX only). Without
     * {@code nativeAccess} the JVM runs without {@code --enable-native-access}, as a library
     * user's JVM may, where jasyncio's FFM code must not run.
     */
    public static ChildJvm startIgnoring(List<String> ignored, boolean nativeAccess, Class<?> main,
            List<String> jvmOptions, String... args) throws IOException {
        return startIgnoring("/bin/sh", ignored, nativeAccess, main, jvmOptions, args);
    }

    /**
     * {@link #startIgnoring} through {@code shell}: {@code /bin/bash} to ignore SIGCHLD,
     * which dash's {@code trap ''} leaves at its default.
     */
    public static ChildJvm startIgnoring(String shell, List<String> ignored, boolean nativeAccess, Class<?> main,
            List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(shell, "-c",
                "trap '' " + String.join(" ", ignored) + "; exec \"$0\" \"$@\""));
        List<String> jvm = command(main, jvmOptions, args);
        if (!nativeAccess) {
            jvm.remove(NATIVE_ACCESS);
        }
        command.addAll(jvm);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(p);
    }

    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static List<String> command(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same flags the test JVM (and ./jasyncio) runs with: docs/jvm-flags.md.
        command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.io=ALL-UNNAMED",
                NATIVE_ACCESS));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException closed) {
            // the process is gone
        }
    }

    /** The child's standard input (a pipe). */
    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until a line containing {@code marker} appears; false after {@code timeout} or if the child ended. */
    public boolean awaitLine(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.contains(marker)) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return false;
                }
                lines.wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
    }

    /** Waits for the exit code; throws if the child is still running after {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM did not exit within " + timeout + "; output:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Everything the child printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Sends a signal with {@code kill -SIG pid} (POSIX only). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + pid() + " failed");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
