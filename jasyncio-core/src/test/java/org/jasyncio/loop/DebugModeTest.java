package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Debug mode, from CPython's test_base_events and test_events. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DebugModeTest {
    private static final Pattern SLOW = Pattern.compile("^Executing .* took \\d+\\.\\d{3} seconds$");

    private final EventLoop loop = SelectorEventLoop.open();

    @AfterEach
    void close() {
        loop.close();
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_set_debug */
    @Test
    void debugCanBeSwitched() {
        loop.setDebug(true);
        assertTrue(loop.getDebug());
        loop.setDebug(false);
        assertFalse(loop.getDebug());
        assertEquals(Duration.ofMillis(100), loop.getSlowCallbackDuration());
        loop.setSlowCallbackDuration(Duration.ofMillis(5));
        assertEquals(Duration.ofMillis(5), loop.getSlowCallbackDuration());
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(Duration.ofMillis(-1)));
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopWithSelectorTests::test_log_slow_callbacks:
     * in debug mode a callback or a task step slower than the threshold is logged at
     * WARNING as {@code Executing <...> took N.NNN seconds}; a fast one is not.
     */
    @Test
    void slowCallbacksAndTaskStepsAreLoggedInDebugMode() throws Exception {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(50));
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(new Runnable() {
                @Override
                public void run() {
                    sleepQuietly(150);
                }

                @Override
                public String toString() {
                    return "slowCallback";
                }
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            // (Only the slow items are checked: on a busy machine a fast one may be late too.)
            String callback = only(logs.messages(Level.WARNING), "slowCallback");
            assertTrue(SLOW.matcher(callback).matches(), callback);
            assertTrue(callback.startsWith("Executing <Handle slowCallback> took"), callback);

            Task<Void> slowTask = loop.createTask(Coroutine.of(() -> spin(150)), "slow-task");
            loop.runUntilComplete(slowTask);
            String step = only(logs.messages(Level.WARNING), "slow-task");
            assertTrue(SLOW.matcher(step).matches(), step);
            assertTrue(step.startsWith("Executing <Task "), step);
        }
    }

    private static String only(List<String> messages, String mentioning) {
        List<String> matching = messages.stream().filter(m -> m.contains(mentioning)).toList();
        assertEquals(1, matching.size(), messages.toString());
        return matching.get(0);
    }

    /** The same slow callback outside debug mode is not logged. */
    @Test
    void slowCallbacksAreNotLoggedOutsideDebugMode() {
        loop.setSlowCallbackDuration(Duration.ofMillis(1));
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(() -> sleepQuietly(10));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of(), logs.messages(Level.WARNING));
        }
    }

    /**
     * Lib/test/test_asyncio/test_events.py::HandleTests::test_handle_source_traceback and
     * test_futures.py::BaseFutureTests::test_future_source_traceback: in debug mode the
     * report of a failing callback says where it was scheduled.
     */
    @Test
    void debugModeRecordsWhereAFailingCallbackWasScheduled() {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> seen.add(c));
        loop.callSoon(() -> {
            throw new IllegalStateException("not in debug");
        });
        loop.setDebug(true);
        scheduleFailingCallbackHere();
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(2, seen.size());
        assertNull(seen.get(0).get(ExceptionContext.SOURCE_TRACEBACK));
        Throwable where = assertInstanceOf(Throwable.class, seen.get(1).get(ExceptionContext.SOURCE_TRACEBACK));
        assertTrue(List.of(where.getStackTrace()).stream()
                .anyMatch(f -> f.getMethodName().equals("scheduleFailingCallbackHere")));
    }

    private void scheduleFailingCallbackHere() {
        loop.callSoon(() -> {
            throw new IllegalStateException("in debug");
        });
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_env_var_debug (as a system property). */
    @Test
    void theDebugPropertyTurnsDebugOnForNewLoops() {
        String before = System.getProperty("jasyncio.debug");
        try {
            System.setProperty("jasyncio.debug", "true");
            try (EventLoop debugLoop = SelectorEventLoop.open()) {
                assertTrue(debugLoop.getDebug());
            }
            System.setProperty("jasyncio.debug", "false");
            try (EventLoop quietLoop = SelectorEventLoop.open()) {
                assertFalse(quietLoop.getDebug());
            }
        } finally {
            if (before == null) {
                System.clearProperty("jasyncio.debug");
            } else {
                System.setProperty("jasyncio.debug", before);
            }
        }
    }

    /** Busy for {@code millis}: a CPU-bound step (Thread.sleep inside a task would unmount, not block). */
    private static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
