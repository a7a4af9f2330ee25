package org.jasyncio.internal.process;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jasyncio.subprocess.SpawnException;
import org.jasyncio.subprocess.Stdio;
import org.jasyncio.subprocess.SubprocessOptions;

/**
 * Starts a child with {@link ProcessBuilder} (the {@code THREADED} strategy), mapping
 * each {@link Stdio} to a {@link Redirect}. A given descriptor becomes its
 * {@code /proc/self/fd/N} path on Linux, {@code /dev/fd/N} on macOS (the same pipe, terminal
 * or file); where neither exists (Windows) the JDK has no way to hand a raw descriptor to a
 * child and it is refused.
 */
final class JdkSpawner {
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private JdkSpawner() {
    }

    static Process spawn(List<String> args, SubprocessOptions options) {
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.redirectInput(input(options.stdin()));
        pb.redirectOutput(output(options.stdout(), 1));
        if (options.stderr() == Stdio.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(output(options.stderr(), 2));
        }
        if (options.cwd() != null) {
            pb.directory(options.cwd().toFile());
        }
        if (options.env() != null) {
            pb.environment().clear();
            pb.environment().putAll(options.env());
        }
        try {
            return pb.start();
        } catch (IOException e) {
            String reason = e.getMessage();
            if (options.cwd() != null && !Files.isDirectory(options.cwd())) {
                reason += ": the working directory " + options.cwd() + " does not exist";
            }
            throw new SpawnException(args.getFirst(), reason, e);
        }
    }

    private static Redirect input(Stdio s) {
        if (s == Stdio.PIPE) {
            return Redirect.PIPE;
        }
        if (s == Stdio.INHERIT) {
            return Redirect.INHERIT;
        }
        if (s == Stdio.DEVNULL) {
            return Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null"));
        }
        return Redirect.from(descriptorPath((Stdio.Descriptor) s, 0));
    }

    private static Redirect output(Stdio s, int target) {
        if (s == Stdio.PIPE) {
            return Redirect.PIPE;
        }
        if (s == Stdio.INHERIT) {
            return Redirect.INHERIT;
        }
        if (s == Stdio.DEVNULL) {
            return Redirect.DISCARD;
        }
        return Redirect.appendTo(descriptorPath((Stdio.Descriptor) s, target));
    }

    /**
     * The path that opens a copy of descriptor {@code d}: {@code /proc/self/fd/N} on Linux,
     * {@code /dev/fd/N} on macOS and the BSDs (where opening it duplicates the descriptor).
     */
    private static File descriptorPath(Stdio.Descriptor d, int target) {
        for (String dir : new String[] {"/proc/self/fd/", "/dev/fd/"}) {
            Path path = Path.of(dir + d.fd());
            if (Files.isDirectory(path.getParent())) {
                if (Files.exists(path)) {
                    return path.toFile();
                }
                throw new IllegalArgumentException("Stdio.fd(" + d.fd() + ") for the child's descriptor " + target
                        + ": descriptor " + d.fd() + " is not open");
            }
        }
        throw new UnsupportedOperationException("Stdio.fd(" + d.fd() + ") for the child's descriptor " + target
                + ": the threaded child watcher starts children with ProcessBuilder, which takes files, not "
                + "descriptors, and this system has neither /proc/self/fd nor /dev/fd to name one; pass "
                + "Stdio.PIPE and copy the data, or a file path through ProcessBuilder yourself");
    }
}
