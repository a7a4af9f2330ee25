package org.jasyncio.subprocess;

import java.util.List;
import java.util.Objects;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.stream.StreamReader;

/**
 * asyncio's {@code create_subprocess_exec} and {@code create_subprocess_shell}: start a
 * child on the running loop and return it as a {@link Process} with streams.
 *
 * <p>Defaults follow asyncio: without options every descriptor is inherited
 * ({@link SubprocessOptions#INHERITED}); pass options with {@link Stdio#PIPE} for the
 * streams you want, e.g. {@code SubprocessOptions.INHERITED.withStdin(Stdio.PIPE).withStdout(Stdio.PIPE)}.
 * {@code limit} is the buffer limit of the output readers (64 KiB by default).
 *
 * <pre>{@code
 * Process p = Subprocesses.createSubprocessExec(List.of("sort"),
 *         SubprocessOptions.PIPES.withStderr(Stdio.INHERIT));
 * ProcessOutput out = p.communicate("b\na\n".getBytes());
 * }</pre>
 *
 * <p>Every method is awaiting: it runs in a task of the running loop.
 */
public final class Subprocesses {
    private Subprocesses() {
    }

    /** Runs {@code args.get(0)} with the rest as its arguments, every descriptor inherited. Awaiting. */
    public static Process createSubprocessExec(List<String> args) {
        return createSubprocessExec(args, SubprocessOptions.INHERITED);
    }

    /** Runs {@code args} with {@code options}. Awaiting. */
    public static Process createSubprocessExec(List<String> args, SubprocessOptions options) {
        return createSubprocessExec(args, options, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Runs {@code args} with {@code options}, output readers limited to {@code limit}. Awaiting.
     *
     * @throws SpawnException when the program cannot be started
     * @throws IllegalArgumentException if {@code limit <= 0} (before anything starts)
     */
    public static Process createSubprocessExec(List<String> args, SubprocessOptions options, int limit) {
        EventLoop loop = AsyncIO.getRunningLoop();
        checkLimit(limit);
        var c = loop.subprocessExec(() -> new SubprocessStreamProtocol(loop, limit), args, options);
        return new Process(loop, c.transport(), c.protocol());
    }

    /** Runs {@code cmd} through the shell, every descriptor inherited. Awaiting. */
    public static Process createSubprocessShell(String cmd) {
        return createSubprocessShell(cmd, SubprocessOptions.INHERITED);
    }

    /** Runs {@code cmd} through the shell with {@code options}. Awaiting. */
    public static Process createSubprocessShell(String cmd, SubprocessOptions options) {
        return createSubprocessShell(cmd, options, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Runs {@code cmd} through the shell ({@code /bin/sh -c}; {@code cmd.exe /c} on Windows)
     * with {@code options}, output readers limited to {@code limit}. Awaiting.
     */
    public static Process createSubprocessShell(String cmd, SubprocessOptions options, int limit) {
        EventLoop loop = AsyncIO.getRunningLoop();
        checkLimit(limit);
        Objects.requireNonNull(cmd, "cmd");
        var c = loop.subprocessShell(() -> new SubprocessStreamProtocol(loop, limit), cmd, options);
        return new Process(loop, c.transport(), c.protocol());
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, got " + limit);
        }
    }
}
