package org.jasyncio.subprocess;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a child: where its stdin, stdout and stderr go, its working directory and
 * its environment (asyncio's keyword arguments of {@code subprocess_exec}).
 *
 * @param stdin  {@link Stdio#PIPE}, {@link Stdio#DEVNULL}, {@link Stdio#INHERIT} or a descriptor
 * @param stdout the same choices
 * @param stderr the same, or {@link Stdio#STDOUT} to merge it into stdout
 * @param cwd    the working directory, or {@code null} for this process's
 * @param env    the whole environment of the child, or {@code null} to inherit this process's
 */
public record SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> env) {
    /** Every descriptor a pipe: the defaults of {@code loop.subprocessExec} (as asyncio's). */
    public static final SubprocessOptions PIPES = new SubprocessOptions(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE, null,
            null);
    /**
     * Every descriptor inherited: the defaults of {@code Subprocesses.createSubprocessExec}
     * (asyncio's {@code create_subprocess_exec} defaults to {@code None} too).
     */
    public static final SubprocessOptions INHERITED = new SubprocessOptions(Stdio.INHERIT, Stdio.INHERIT,
            Stdio.INHERIT, null, null);

    public SubprocessOptions {
        Objects.requireNonNull(stdin, "stdin (use Stdio.INHERIT for asyncio's None)");
        Objects.requireNonNull(stdout, "stdout (use Stdio.INHERIT for asyncio's None)");
        Objects.requireNonNull(stderr, "stderr (use Stdio.INHERIT for asyncio's None)");
        if (stdin == Stdio.STDOUT || stdout == Stdio.STDOUT) {
            throw new IllegalArgumentException("Stdio.STDOUT is for stderr only (it merges stderr into stdout)");
        }
        env = env == null ? null : Map.copyOf(env);
    }

    public SubprocessOptions withStdin(Stdio stdin) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env);
    }

    public SubprocessOptions withStdout(Stdio stdout) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env);
    }

    public SubprocessOptions withStderr(Stdio stderr) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env);
    }

    public SubprocessOptions withCwd(Path cwd) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env);
    }

    public SubprocessOptions withEnv(Map<String, String> env) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env);
    }
}
