package org.jasyncio.subprocess;

/**
 * The child could not be started: asyncio's {@code FileNotFoundError},
 * {@code PermissionError} ... from {@code subprocess_exec}. Nothing is left behind: no
 * process, no descriptor.
 */
public final class SpawnException extends RuntimeException {
    private final String program;
    private final String reason;

    public SpawnException(String program, String reason, Throwable cause) {
        super("cannot start '" + program + "': " + reason, cause);
        this.program = program;
        this.reason = reason;
    }

    /** The program that was to run ({@code args.get(0)}). */
    public String program() {
        return program;
    }

    /** Why not, as the system says it ({@code "ENOENT (No such file or directory)"}). */
    public String reason() {
        return reason;
    }
}
