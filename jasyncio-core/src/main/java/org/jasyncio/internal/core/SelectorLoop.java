package org.jasyncio.internal.core;

import org.jasyncio.internal.io.BackendFactory;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.SelectorEventLoop;

/** A readiness loop: the run loop over a selector-style backend. */
public final class SelectorLoop extends BaseLoop implements SelectorEventLoop {
    private final Backend backendKind;
    private final ReadinessBackend readiness;

    public SelectorLoop(Backend backend) {
        this(backend, SchedulerChoice.AUTO);
    }

    public SelectorLoop(Backend backend, SchedulerChoice scheduler) {
        this(BackendFactory.openReadiness(checkReadiness(backend)), backend, scheduler);
    }

    private SelectorLoop(ReadinessBackend readiness, Backend backend, SchedulerChoice scheduler) {
        super(readiness, scheduler);
        this.readiness = readiness;
        this.backendKind = backend;
    }

    /** The backend as a readiness backend, for the I/O components of this loop. */
    public ReadinessBackend readiness() {
        return readiness;
    }

    private static Backend checkReadiness(Backend backend) {
        if (backend.kind() != Backend.Kind.READINESS) {
            throw new IllegalArgumentException("a selector loop needs a readiness backend; '" + backend.id()
                    + "' is a completion backend: use a proactor loop for it");
        }
        return backend;
    }

    @Override
    public Backend backend() {
        return backendKind;
    }
}
