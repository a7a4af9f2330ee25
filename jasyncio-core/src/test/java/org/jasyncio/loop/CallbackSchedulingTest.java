package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.context.Context;
import org.jasyncio.context.ContextVar;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduling half of CPython's test_base_events (and the matching parts of
 * test_events): callSoon, callLater, callAt, handles, and what one iteration runs.
 */
class CallbackSchedulingTest {
    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;
    private final List<Object> log = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_call_soon and
     * test_events.py::EventLoopTestsMixin::test_call_soon: callbacks run once, in FIFO order.
     */
    @Test
    void callSoonRunsCallbacksOnceInFifoOrder() {
        for (int i = 0; i < 10; i++) {
            int n = i;
            Handle h = loop.callSoon(() -> log.add(n));
            assertFalse(h.cancelled());
        }
        fixture.runOnce();
        fixture.runOnce();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_call_soon_non_callable */
    @Test
    void callSoonRejectsAMissingCallback() {
        assertThrows(NullPointerException.class, () -> loop.callSoon(null));
        assertThrows(NullPointerException.class, () -> loop.callLater(Duration.ZERO, null));
        assertThrows(NullPointerException.class, () -> loop.callSoon(() -> { }, null));
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test__add_callback_cancelled_handle */
    @Test
    void aCancelledHandleNeverRuns() {
        Handle first = loop.callSoon(() -> log.add("first"));
        loop.callSoon(() -> log.add("second"));
        first.cancel();
        first.cancel();
        assertTrue(first.cancelled());
        fixture.runOnce();
        assertEquals(List.of("second"), log);
    }

    /** Lib/test/test_asyncio/test_events.py::HandleTests::test_handle: cancelling after it ran changes nothing. */
    @Test
    void cancellingAHandleThatRanIsHarmless() {
        Handle h = loop.callSoon(() -> log.add("ran"));
        fixture.runOnce();
        h.cancel();
        assertTrue(h.cancelled());
        fixture.runOnce();
        assertEquals(List.of("ran"), log);
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test__run_once and
     * ::test_run_once: one iteration runs what was ready when it started; what those
     * callbacks schedule waits for the next iteration.
     */
    @Test
    void callbacksScheduledByACallbackRunInTheNextIteration() {
        loop.callSoon(() -> {
            log.add("outer");
            loop.callSoon(() -> log.add("inner"));
        });
        fixture.runOnce();
        assertEquals(List.of("outer"), log);
        fixture.runOnce();
        assertEquals(List.of("outer", "inner"), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_call_later */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void callLaterRunsNoEarlierThanItsDeadline() {
        double[] ranAt = new double[1];
        TimerHandle h = loop.callLater(Duration.ofMillis(50), () -> {
            ranAt[0] = loop.time();
            loop.stop();
        });
        double start = loop.time();
        assertTrue(h.when() >= start + 0.049, h.when() + " vs " + start);
        loop.runForever();
        assertTrue(ranAt[0] >= h.when() - loop.clockResolution().toNanos() / 1e9,
                "ran at " + ranAt[0] + ", due at " + h.when());
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_call_later_negative_delays:
     * timers already due run after the callbacks that were ready, by deadline. Checked
     * against CPython 3.11/3.12 ({@code call_later(-1); call_later(-2); call_soon} gives 3, 2, 1).
     */
    @Test
    void negativeDelaysRunAfterReadyCallbacksInDeadlineOrder() {
        loop.callLater(Duration.ofSeconds(-1), () -> log.add(1));
        loop.callLater(Duration.ofSeconds(-2), () -> log.add(2));
        loop.callSoon(() -> log.add(3));
        fixture.runOnce();
        assertEquals(List.of(3, 2, 1), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_time_and_call_at */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void callAtRunsAtALoopTime() {
        double when = loop.time() + 0.05;
        double[] ranAt = new double[1];
        TimerHandle h = loop.callAt(when, () -> {
            ranAt[0] = loop.time();
            loop.stop();
        });
        assertEquals(when, h.when(), 1e-6);
        loop.runForever();
        assertTrue(ranAt[0] >= when - loop.clockResolution().toNanos() / 1e9, ranAt[0] + " < " + when);
    }

    /** Lib/test/test_asyncio/test_events.py::TimerTests::test_when */
    @Test
    void whenIsTheDeadlineInLoopTime() {
        double before = loop.time();
        TimerHandle h = loop.callLater(Duration.ofSeconds(10), () -> { });
        double after = loop.time();
        assertTrue(h.when() >= before + 10 && h.when() <= after + 10, before + " " + h.when() + " " + after);
        h.cancel();
    }

    /**
     * Lib/test/test_asyncio/test_events.py::TimerTests::test_timer_comparison: timers due
     * at the same moment run in the order they were scheduled. This differs from CPython
     * on purpose: its heap compares deadlines only, so equal deadlines come out in heap
     * order (CPython 3.11/3.12 print 0, 2, 1, 3, 4 for this scenario).
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void timersDueTogetherKeepTheirSchedulingOrder() {
        double now = loop.time();
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callAt(now + 0.02, () -> log.add(n));
        }
        loop.callAt(now + 0.01, () -> log.add("early"));
        loop.callAt(now + 0.03, loop::stop);
        loop.runForever();
        assertEquals(List.of("early", 0, 1, 2, 3, 4), log);
    }

    /** Lib/test/test_asyncio/test_events.py::TimerTests::test_timer: a cancelled timer never runs. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCancelledTimerNeverRuns() {
        TimerHandle doomed = loop.callLater(Duration.ofMillis(1), () -> log.add("doomed"));
        loop.callLater(Duration.ofMillis(20), () -> {
            log.add("kept");
            loop.stop();
        });
        doomed.cancel();
        assertTrue(doomed.cancelled());
        loop.runForever();
        assertEquals(List.of("kept"), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_time_and_call_at (the clock). */
    @Test
    void timeIsMonotonicSecondsAndTheResolutionIsPositive() {
        double a = loop.time();
        double b = loop.time();
        assertTrue(b >= a);
        Duration resolution = loop.clockResolution();
        assertTrue(!resolution.isNegative() && !resolution.isZero(), resolution.toString());
        assertTrue(resolution.compareTo(Duration.ofMillis(20)) < 0, resolution.toString());
    }

    @Test
    void callAtRejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, () -> { }));
    }

    /**
     * A timer far in the future (and one at +infinity) neither overflows the deadline nor
     * the poll timeout: the loop still blocks and is woken from another thread.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void farFutureTimersNeitherRunNorOverflow() throws Exception {
        TimerHandle far = loop.callLater(Duration.ofDays(365L * 100_000), () -> log.add("far"));
        TimerHandle inf = loop.callAt(Double.POSITIVE_INFINITY, () -> log.add("inf"));
        assertTrue(far.when() > loop.time() + 1e9, String.valueOf(far.when()));
        assertTrue(inf.when() > far.when() - 1, String.valueOf(inf.when()));
        Thread stopper = Thread.ofPlatform().start(() -> {
            sleepQuietly(50);
            loop.callSoonThreadsafe(() -> log.add("woken"));
            loop.stop();
        });
        loop.runForever();
        stopper.join(10_000);
        assertEquals(List.of("woken"), log);
        far.cancel();
        inf.cancel();
    }

    /**
     * Lib/test/test_asyncio/test_events.py::HandleTests::test_handle and test_tasks.py's
     * context tests: a callback runs in the context it was scheduled with, or in the
     * context current when it was scheduled.
     */
    @Test
    void aCallbackRunsInItsContext() {
        ContextVar<String> var = new ContextVar<>("who", "default");
        Context mine = new Context();
        mine.run(() -> var.set("mine"));
        Handle explicit = loop.callSoon(() -> log.add("explicit=" + var.get()), mine);
        assertSame(mine, explicit.getContext());
        Context scheduling = new Context();
        scheduling.run(() -> {
            var.set("scheduling");
            loop.callSoon(() -> log.add("implicit=" + var.get()));
        });
        loop.callSoon(() -> log.add("other=" + var.get()), new Context());
        fixture.runOnce();
        assertEquals(List.of("explicit=mine", "implicit=scheduling", "other=default"), log);
    }

    /** Lib/test/test_asyncio/test_events.py::HandleTests::test_handle: set() inside a callback stays in its context. */
    @Test
    void aCallbackSettingAVariableChangesOnlyItsContext() {
        ContextVar<Integer> var = new ContextVar<>("n", 0);
        Context ctx = new Context();
        loop.callSoon(() -> var.set(var.get() + 1), ctx);
        loop.callSoon(() -> var.set(var.get() + 1), ctx);
        loop.callSoon(() -> log.add(var.get()));
        fixture.runOnce();
        assertEquals(2, ctx.get(var));
        assertEquals(List.of(0), log);
        assertNotNull(Context.current());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
