package org.jasyncio.testing;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.SelectorEventLoop;

/**
 * A loop for one test that records what reaches its exception handler and is closed
 * afterwards. Tests that expect no unhandled errors call {@link #assertNoErrors()}.
 */
public final class LoopFixture implements AutoCloseable {
    public final EventLoop loop;
    public final List<ExceptionContext> errors = new ArrayList<>();

    public LoopFixture() {
        this(SelectorEventLoop.open());
    }

    public LoopFixture(EventLoop loop) {
        this.loop = loop;
        loop.setExceptionHandler((l, context) -> errors.add(context));
    }

    public void assertNoErrors() {
        if (!errors.isEmpty()) {
            AssertionError e = new AssertionError("unexpected errors reached the exception handler: " + errors);
            for (ExceptionContext c : errors) {
                if (c.exception() != null) {
                    e.addSuppressed(c.exception());
                }
            }
            throw e;
        }
    }

    /** Runs one iteration of the loop (asyncio's test_utils.run_once: {@code call_soon(stop); run_forever()}). */
    public void runOnce() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /** Runs the loop until no callbacks are ready (asyncio's test_utils.run_briefly, repeated). */
    public void runBriefly() {
        loop.runUntilComplete(org.jasyncio.task.Coroutine.of(() -> {
            for (int i = 0; i < 5; i++) {
                org.jasyncio.AsyncIO.sleep(0);
            }
        }));
    }

    /**
     * Runs the loop in 1 ms steps until {@code condition} holds (asyncio's
     * {@code test_utils.run_until}); fails after {@code timeout}.
     */
    public void runUntil(java.util.function.BooleanSupplier condition, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout);
            }
            loop.runUntilComplete(org.jasyncio.task.Coroutine.of(() -> org.jasyncio.AsyncIO.sleep(0.001)));
        }
    }

    /** {@link #runUntil(java.util.function.BooleanSupplier, java.time.Duration)} with 10 seconds. */
    public void runUntil(java.util.function.BooleanSupplier condition) {
        runUntil(condition, java.time.Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        loop.close();
    }
}
