package org.jasyncio.platform;

import java.util.Locale;

/** What a probe saw when it ran an operation of one capability on one backend. */
public enum Outcome {
    /** The operation did its job (a callback ran, a signal arrived, a child exited ...). */
    SUPPORTED,
    /** The operation was refused with the documented error (type and explanation). */
    REFUSED,
    /** No module of this build provides the feature, so there is no operation to run. */
    NOT_PROVIDED,
    /** The probe could not set up what the operation needs on this machine (the detail says why). */
    NOT_RUN,
    /** The loop claims support but this build has no probe for the capability. */
    UNPROBED,
    /** The operation threw an error that is not the documented one, or did not do its job. */
    FAILED,
    /** The probe did not finish within its time limit. */
    TIMED_OUT;

    /** The lower-case, hyphenated name used in reports ({@code "not-provided"}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
