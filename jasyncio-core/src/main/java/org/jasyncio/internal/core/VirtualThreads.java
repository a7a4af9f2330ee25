package org.jasyncio.internal.core;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * Access to the JDK's virtual-thread builder that takes a scheduler
 * ({@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)}). It is not public API:
 * reaching it needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or
 * {@code =org.jasyncio} on the module path). Without it tasks fall back to the baton
 * scheduler, which is correct but about 100 times slower at switching.
 */
final class VirtualThreads {
    static final String FLAG_HELP = "start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED "
            + "(or --add-opens java.base/java.lang=org.jasyncio on the module path); see docs/jvm-flags.md";

    private static final Constructor<?> BUILDER;
    private static final String UNAVAILABLE;

    static {
        Constructor<?> ctor = null;
        String why = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            ctor = null;
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        BUILDER = ctor;
        UNAVAILABLE = why;
    }

    private VirtualThreads() {
    }

    /** Whether virtual threads with a custom scheduler can be built in this JVM. */
    static boolean customSchedulerAvailable() {
        return BUILDER != null;
    }

    /** Why not, or {@code null}. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    static Thread.Builder.OfVirtual builder(Executor scheduler) {
        if (BUILDER == null) {
            throw new IllegalStateException("virtual threads with a custom scheduler are unavailable ("
                    + UNAVAILABLE + "); " + FLAG_HELP);
        }
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a virtual thread builder", e);
        }
    }
}
