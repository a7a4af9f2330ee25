package org.jasyncio.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CPython script from {@code src/test/python} run as a child process, for the interop
 * tests: lines of its standard output are read on demand (blocking: call from an executor
 * thread), its standard error is kept for failure messages, and it is always killed at the end.
 */
final class PythonProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Path stderr;

    private PythonProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code python3 src/test/python/<script> args...}; skips the test when python3 is missing. */
    static PythonProcess start(String script, String... args) throws IOException {
        Path file = Path.of("src", "test", "python", script);
        assumeTrue(Files.isRegularFile(file), "run from the jasyncio-core directory: " + file.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("python3", file.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("jasyncio-python-", ".stderr");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        } catch (IOException noPython) {
            Files.deleteIfExists(err);
            assumeTrue(false, "python3 is not installed: " + noPython.getMessage());
            throw noPython;
        }
        return new PythonProcess(p, err);
    }

    /** The next line of output (blocking), or an error with the script's standard error. */
    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the python script ended without output; stderr: " + stderr());
        }
        return line;
    }

    void writeLine(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits (bounded) for the exit and returns the exit code. */
    int waitFor(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the python script did not exit within " + seconds + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        Files.deleteIfExists(stderr);
    }
}
