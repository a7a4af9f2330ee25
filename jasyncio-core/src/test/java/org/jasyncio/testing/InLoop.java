package org.jasyncio.testing;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;

/**
 * Runs one coroutine on a fresh {@link LoopFixture} and fails if anything reached the
 * loop's exception handler: the shape most ported asyncio tests have
 * ({@code loop.run_until_complete(main())}).
 */
public final class InLoop {
    private InLoop() {
    }

    public static <T> T run(Coroutine<T> main) {
        try (LoopFixture f = new LoopFixture()) {
            T value;
            try {
                value = f.loop.runUntilComplete(main);
            } finally {
                cancelLeftovers(f.loop);
            }
            f.assertNoErrors();
            return value;
        }
    }

    /** Cancels the tasks still pending on {@code loop} and runs until they have finished. */
    public static void cancelLeftovers(EventLoop loop) {
        List<Task<?>> left = new ArrayList<>(loop.allTasks());
        for (Task<?> t : left) {
            t.cancel();
        }
        for (Task<?> t : left) {
            if (!t.done()) {
                try {
                    loop.runUntilComplete(t);
                } catch (Throwable ignored) {
                    // its outcome is not what the test checks
                }
            }
        }
    }

    public static void run(Coroutine.AsyncRunnable main) {
        run(Coroutine.of(main));
    }
}
