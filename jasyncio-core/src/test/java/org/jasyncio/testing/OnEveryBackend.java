package org.jasyncio.testing;

import java.time.Duration;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * The set-up of a conformance suite: a fresh loop on the backend the suite is
 * parameterized with, whose exception handler records errors; leftover tasks are
 * cancelled and the loop closed after each test. Subclasses carry
 * {@code @ParameterizedClass @MethodSource("org.jasyncio.testing.Backends#readiness")}.
 */
public abstract class OnEveryBackend {
    /** How long {@link #run} lets a test body run before cancelling it. */
    public static final Duration WATCHDOG = Duration.ofSeconds(60);

    @Parameter
    protected Backend backend;

    protected LoopFixture f;
    protected EventLoop loop;

    @BeforeEach
    void openLoop() {
        f = new LoopFixture(SelectorEventLoop.open(backend));
        loop = f.loop;
    }

    @AfterEach
    void closeLoop() {
        try {
            InLoop.cancelLeftovers(loop);
        } finally {
            f.close();
        }
    }

    /** asyncio's {@code loop.run_until_complete(coro)}, cancelled after {@link #WATCHDOG}. */
    protected <T> T run(Coroutine<T> body) {
        Task<T> task = loop.createTask(body);
        TimerHandle guard = loop.callLater(WATCHDOG, () -> task.cancel("test watchdog: still running after " + WATCHDOG));
        try {
            return loop.runUntilComplete(task);
        } finally {
            guard.cancel();
        }
    }

    protected void runVoid(Coroutine.AsyncRunnable body) {
        run(Coroutine.of(body));
    }
}
