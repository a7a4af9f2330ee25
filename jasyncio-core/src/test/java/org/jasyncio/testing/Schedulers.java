package org.jasyncio.testing;

import java.util.stream.Stream;

import org.jasyncio.internal.core.BaseLoop.SchedulerChoice;
import org.jasyncio.internal.core.SelectorLoop;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;

/**
 * The two ways a loop can run tasks, for suites that must hold for both: virtual threads
 * scheduled by the loop (the normal case) and the baton fallback (the JVM flag missing).
 *
 * <pre>{@code
 * @ParameterizedClass
 * @MethodSource("org.jasyncio.testing.Schedulers#both")
 * class SomethingTest {
 *     @Parameter SchedulerChoice scheduler;
 * }
 * }</pre>
 */
public final class Schedulers {
    private Schedulers() {
    }

    public static Stream<SchedulerChoice> both() {
        return Stream.of(SchedulerChoice.VIRTUAL_THREAD, SchedulerChoice.BATON);
    }

    /** A new loop on the JDK selector whose tasks run on {@code choice}. */
    public static EventLoop newLoop(SchedulerChoice choice) {
        return new SelectorLoop(Backend.NIO, choice);
    }
}
