package org.jasyncio.platform;

import java.util.Objects;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;

/**
 * One cell of the report: a capability probed on one backend.
 *
 * @param backend    the backend the probe's loop waited in
 * @param capability the capability
 * @param supported  the capability matrix's answer (the loop's {@code supports})
 * @param reason     the matrix's reason: how it is provided, or the refusal's explanation
 * @param outcome    what the probe saw
 * @param detail     what it measured or the error it met, in one line
 * @param agrees     whether the outcome agrees with the matrix
 * @param millis     how long the probe ran, set-up and clean-up included
 */
public record ProbeResult(Backend backend, Capability capability, boolean supported, String reason,
        Outcome outcome, String detail, boolean agrees, double millis) {
    public ProbeResult {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Whether {@code outcome} agrees with a matrix answer: a supported row must be seen
     * working; a refused row must be refused with the documented error, or name a feature
     * this build lacks, or be impossible to set up here. Failures and time-outs never agree.
     */
    public static boolean agrees(boolean supported, Outcome outcome) {
        return switch (outcome) {
            case SUPPORTED -> supported;
            case REFUSED, NOT_PROVIDED, NOT_RUN -> !supported;
            case UNPROBED -> true;
            case FAILED, TIMED_OUT -> false;
        };
    }
}
