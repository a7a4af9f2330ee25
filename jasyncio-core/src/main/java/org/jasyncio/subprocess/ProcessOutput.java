package org.jasyncio.subprocess;

import java.nio.charset.StandardCharsets;

/**
 * What {@link Process#communicate(byte[])} read: asyncio's {@code (stdout_data, stderr_data)}.
 * A field is {@code null} when that descriptor was not a {@link Stdio#PIPE}. The arrays are
 * the caller's (not copied; equality is by reference, as for any record of arrays).
 */
public record ProcessOutput(byte[] stdout, byte[] stderr) {

    /** {@link #stdout()} decoded as UTF-8, or {@code null}. */
    public String stdoutText() {
        return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
    }

    /** {@link #stderr()} decoded as UTF-8, or {@code null}. */
    public String stderrText() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
