package org.jasyncio.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.context.Context;
import org.jasyncio.context.ContextVar;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.Handle;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/**
 * {@code callSoon}/{@code callLater} without a context take the caller's current one, found
 * without a thread-local lookup on the loop thread (BaseLoop#callerContext), and keep
 * refusing foreign threads while the loop runs.
 */
class CallerContextTest {
    private static final ContextVar<String> WHO = new ContextVar<>("who", "nobody");

    @Test
    void aCallbackScheduledFromACallbackRunsInTheSchedulingCallbacksContext() {
        try (LoopFixture f = new LoopFixture()) {
            List<String> seen = new ArrayList<>();
            Context mine = new Context();
            mine.run(() -> WHO.set("first"));
            f.loop.callSoon(() -> {
                f.loop.callSoon(() -> seen.add("soon " + WHO.get()));
                f.loop.callLater(Duration.ZERO, () -> seen.add("later " + WHO.get()));
                f.loop.callAt(f.loop.time(), () -> seen.add("at " + WHO.get()));
            }, mine);
            f.loop.callSoon(() -> seen.add("plain " + WHO.get()));
            f.runBriefly();
            assertEquals(List.of("plain nobody", "soon first", "later first", "at first"), seen);
            f.assertNoErrors();
        }
    }

    @Test
    void aCallbackScheduledFromATaskRunsInTheTasksContext() {
        try (LoopFixture f = new LoopFixture()) {
            String seen = f.loop.runUntilComplete(() -> {
                WHO.set("task");
                CompletableFuture<String> got = new CompletableFuture<>();
                f.loop.callSoon(() -> got.complete(WHO.get()));
                AsyncIO.sleep(0);
                return got.getNow("callback did not run");
            });
            assertEquals("task", seen);
            assertEquals("nobody", WHO.get());
        }
    }

    @Test
    void callSoonBeforeTheLoopRunsTakesTheCallersContext() {
        try (LoopFixture f = new LoopFixture()) {
            Context outside = new Context();
            List<String> seen = new ArrayList<>();
            outside.run(() -> {
                WHO.set("outside");
                f.loop.callSoon(() -> seen.add(WHO.get()));
            });
            f.loop.callSoon(f.loop::stop);
            f.loop.runForever();
            assertEquals(List.of("outside"), seen);
        }
    }

    @Test
    void callSoonFromAForeignThreadWhileRunningIsRefused() throws Exception {
        try (LoopFixture f = new LoopFixture()) {
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            f.loop.callSoon(() -> {
                Thread t = new Thread(() -> {
                    try {
                        f.loop.callSoon(() -> { });
                        refused.complete(null);
                    } catch (Throwable e) {
                        refused.complete(e);
                    }
                });
                t.start();
                try {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                f.loop.stop();
            });
            f.loop.runForever();
            Throwable e = refused.get(30, TimeUnit.SECONDS);
            assertNotNull(e, "callSoon from a foreign thread was accepted while the loop ran");
            assertTrue(e instanceof IllegalStateException && e.getMessage().contains("callSoonThreadsafe"), e::toString);
        }
    }

    @Test
    void inDebugModeAFailingCallbackIsReportedWithWhereItWasScheduled() {
        try (LoopFixture f = new LoopFixture()) {
            f.loop.setDebug(true);
            Runnable failing = new Runnable() {
                @Override
                public void run() {
                    throw new IllegalArgumentException("boom");
                }

                @Override
                public String toString() {
                    return "failing-callback";
                }
            };
            Handle h = f.loop.callSoon(failing);
            assertEquals("<Handle failing-callback>", h.toString());
            f.runBriefly();
            assertEquals(1, f.errors.size());
            ExceptionContext report = f.errors.get(0);
            assertEquals("Exception in callback failing-callback", report.message());
            assertSame(h, report.get(ExceptionContext.HANDLE));
            assertTrue(report.get(ExceptionContext.SOURCE_TRACEBACK) instanceof Throwable);
            assertTrue(report.exception() instanceof IllegalArgumentException);
        }
    }

    @Test
    void outsideDebugModeTheReportHasNoSourceTraceback() {
        try (LoopFixture f = new LoopFixture()) {
            f.loop.callSoon(() -> {
                throw new IllegalStateException("boom");
            });
            f.runBriefly();
            assertEquals(1, f.errors.size());
            assertEquals(null, f.errors.get(0).get(ExceptionContext.SOURCE_TRACEBACK));
            assertTrue(f.errors.get(0).exception() instanceof IllegalStateException);
        }
    }
}
