package org.jasyncio.internal.probe;

import java.util.List;
import java.util.Set;

import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.platform.Outcome;

/**
 * Runs the operation of one capability on a loop, so the report shows what the code does
 * rather than what it claims. A probe makes what it needs (a socket pair, a pipe, a pty,
 * a temporary file ...), registers each resource with the {@link ProbeResources} it is
 * given (closed after the probe, even on failure or time-out), runs the operation and
 * checks that it did its job.
 */
interface Probe {

    /** The capability this probe checks. */
    Capability capability();

    /**
     * Capabilities the operation needs before its own: a loop that refuses one of them
     * refuses this operation with that capability's explanation (e.g. nio refuses a pipe
     * descriptor because it watches no raw descriptors at all).
     */
    default Set<Capability> prerequisites() {
        return Set.of();
    }

    /**
     * Phrases the error of a refusal shares with the matrix's reason when the refusal is
     * raised below the capability check (a backend refusing a descriptor at registration):
     * the error agrees with the matrix when it contains the reason itself or one of these.
     */
    default List<String> documentedPhrases() {
        return List.of();
    }

    /**
     * Runs the operation on {@code loop} (not running; owned by the calling thread).
     *
     * @return what was observed: whether the operation did its job, and a one-line detail
     * @throws ProbeSetupException when what the operation needs cannot be made here
     * @throws UnsupportedOperationException when the loop refuses the operation
     */
    Observation run(EventLoop loop, ProbeResources resources) throws Exception;

    /**
     * What a probe saw without an exception: {@code SUPPORTED} (the operation did its job),
     * {@code REFUSED} (a measured property falls short, e.g. a coarse clock) or
     * {@code FAILED} (the operation was accepted but should not have been, or did not do its
     * job), with a one-line detail of the measurement.
     */
    record Observation(Outcome outcome, String detail) {
        static Observation worked(String detail) {
            return new Observation(Outcome.SUPPORTED, detail);
        }

        static Observation failed(String detail) {
            return new Observation(Outcome.FAILED, detail);
        }
    }
}
