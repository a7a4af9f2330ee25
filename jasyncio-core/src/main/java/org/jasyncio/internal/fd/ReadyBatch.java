package org.jasyncio.internal.fd;

import java.util.Arrays;

/**
 * Readiness collected from one kernel call, dispatched after the scan is complete: a
 * listener may cancel or add registrations, which reorders a backend's arrays, so poll
 * and select never call listeners while walking them. Loop thread only.
 */
public final class ReadyBatch {
    private FdRegistration[] registrations = new FdRegistration[16];
    private int[] ops = new int[16];
    private int size;

    public void add(FdRegistration registration, int readyOps) {
        if (size == registrations.length) {
            registrations = Arrays.copyOf(registrations, size * 2);
            ops = Arrays.copyOf(ops, size * 2);
        }
        registrations[size] = registration;
        ops[size] = readyOps;
        size++;
    }

    /** Dispatches everything collected and empties the batch (also when a listener throws). */
    public void dispatchAll() {
        int n = size;
        size = 0;
        try {
            for (int i = 0; i < n; i++) {
                FdRegistration r = registrations[i];
                registrations[i] = null;
                r.dispatch(ops[i]);
            }
        } finally {
            Arrays.fill(registrations, 0, n, null);
        }
    }
}
