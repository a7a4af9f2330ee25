package org.jasyncio.internal.core;

import org.jasyncio.internal.io.BackendFactory;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.SelectorEventLoop;

/** A readiness loop: the run loop over a selector-style backend. */
public final class SelectorLoop extends BaseLoop implements SelectorEventLoop {
    private final Backend backendKind;

    public SelectorLoop(Backend backend) {
        this(backend, SchedulerChoice.AUTO);
    }

    public SelectorLoop(Backend backend, SchedulerChoice scheduler) {
        super(BackendFactory.open(checkReadiness(backend)), scheduler);
        this.backendKind = backend;
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
