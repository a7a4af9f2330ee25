package org.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.context.Context;
import org.jasyncio.context.ContextVar;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AsyncIO.run and Runner: CPython's test_runners (RunTests and RunnerTests). Ctrl-C is
 * tested for real in {@link CtrlCTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunnerTest {

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_return */
    @Test
    void runReturnsTheResult() {
        assertEquals(42, AsyncIO.run(() -> {
            AsyncIO.sleep(0);
            return 42;
        }));
    }

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_raises */
    @Test
    void runThrowsTheException() {
        IllegalArgumentException spam = new IllegalArgumentException("spam");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> AsyncIO.run(() -> {
            AsyncIO.sleep(0);
            throw spam;
        }));
        assertSame(spam, thrown);
    }

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_debug and RunnerTests::test_debug/test_non_debug */
    @Test
    void theDebugFlagIsApplied() {
        assertFalse(AsyncIO.run(() -> AsyncIO.getRunningLoop().getDebug()));
        try (Runner runner = new Runner(true, null)) {
            assertTrue(runner.getLoop().getDebug());
            assertTrue(runner.run(() -> AsyncIO.getRunningLoop().getDebug()));
        }
        try (Runner runner = new Runner(false, null)) {
            assertFalse(runner.run(() -> AsyncIO.getRunningLoop().getDebug()));
        }
    }

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_from_running_loop and RunnerTests::test_recursive_run */
    @Test
    void runInsideARunningLoopIsRefused() {
        List<String> ran = new ArrayList<>();
        IllegalStateException fromRun = assertThrows(IllegalStateException.class,
                () -> AsyncIO.run(() -> AsyncIO.run(() -> ran.add("nested"))));
        assertTrue(fromRun.getMessage().contains("cannot be called from a running event loop"), fromRun.getMessage());
        try (Runner runner = new Runner()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> runner.run(() -> runner.run(() -> ran.add("nested"))));
            assertEquals("Runner.run() cannot be called from a running event loop", e.getMessage());
        }
        assertEquals(List.of(), ran);
    }

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_cancels_hanging_tasks */
    @Test
    void leftoverTasksAreCancelled() {
        AtomicReference<Task<?>> leftover = new AtomicReference<>();
        List<String> log = new ArrayList<>();
        assertEquals(123, AsyncIO.run(() -> {
            leftover.set(AsyncIO.createTask(Coroutine.of(() -> {
                try {
                    AsyncIO.sleep(Duration.ofSeconds(10));
                } finally {
                    log.add("leftover unwound");
                }
            })));
            AsyncIO.sleep(0);
            return 123;
        }));
        assertTrue(leftover.get().done());
        assertTrue(leftover.get().cancelled());
        assertEquals(List.of("leftover unwound"), log);
    }

    /**
     * Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_reports_hanging_tasks_errors:
     * a leftover task that fails while being cancelled is reported with asyncio's message.
     */
    @Test
    void leftoverTasksThatFailOnCancellationAreReported() {
        List<ExceptionContext> reports = new ArrayList<>();
        AtomicReference<Task<?>> leftover = new AtomicReference<>();
        ArithmeticException zero = new ArithmeticException("/ by zero");
        int r = AsyncIO.run(() -> {
            AsyncIO.getRunningLoop().setExceptionHandler((l, c) -> reports.add(c));
            leftover.set(AsyncIO.createTask(Coroutine.of(() -> {
                try {
                    AsyncIO.sleep(Duration.ofSeconds(10));
                } catch (org.jasyncio.task.CancelledException e) {
                    throw zero;
                }
            })));
            return 123;
        });
        assertEquals(123, r);
        assertTrue(leftover.get().done());
        assertEquals(1, reports.size(), reports.toString());
        ExceptionContext report = reports.get(0);
        assertEquals("unhandled exception during asyncio.run() shutdown", report.message());
        assertSame(zero, report.exception());
        assertSame(leftover.get(), report.get(ExceptionContext.TASK));
    }

    /** Leftover tasks are cancelled even when the main coroutine fails. */
    @Test
    void leftoverTasksAreCancelledWhenMainFails() {
        AtomicReference<Task<?>> leftover = new AtomicReference<>();
        IllegalStateException fancyExit = new IllegalStateException("FancyExit");
        assertSame(fancyExit, assertThrows(IllegalStateException.class, () -> AsyncIO.run(() -> {
            leftover.set(AsyncIO.createTask(Coroutine.of(() -> AsyncIO.sleep(Duration.ofSeconds(10)))));
            throw fancyExit;
        })));
        assertTrue(leftover.get().cancelled());
    }

    /** The default executor is shut down (waiting for its work) and the loop closed. */
    @Test
    void theDefaultExecutorIsShutDownAndTheLoopClosed() {
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        AtomicBoolean workFinished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        AsyncIO.run(() -> {
            loop.set(AsyncIO.getRunningLoop());
            loop.get().runInExecutor(null, () -> {
                started.countDown();
                Thread.sleep(100);
                workFinished.set(true);
                return null;
            });
            started.await(10, TimeUnit.SECONDS);
            return null;
        });
        assertTrue(workFinished.get(), "run() returned before the default executor finished its work");
        assertTrue(loop.get().isClosed());
        assertFalse(loop.get().isRunning());
    }

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_loop_factory */
    @Test
    void theLoopFactoryIsUsedOnce() {
        EventLoop mine = SelectorEventLoop.open();
        int[] calls = {0};
        AsyncIO.run(() -> {
            assertSame(mine, AsyncIO.getRunningLoop());
            return null;
        }, () -> {
            calls[0]++;
            return mine;
        });
        assertEquals(1, calls[0]);
        assertTrue(mine.isClosed());
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_custom_factory */
    @Test
    void aRunnersLoopComesFromItsFactory() {
        EventLoop mine = SelectorEventLoop.open();
        try (Runner runner = new Runner(null, () -> mine)) {
            assertSame(mine, runner.getLoop());
        }
        assertTrue(mine.isClosed());
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_run and ::test_explicit_close */
    @Test
    void aClosedRunnerRefusesEverything() {
        Runner runner = new Runner();
        EventLoop loop;
        try (runner) {
            assertEquals("done", runner.run(() -> {
                AsyncIO.sleep(0);
                return "done";
            }));
            loop = runner.getLoop();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, runner::getLoop);
        assertEquals("Runner is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> runner.run(() -> 1));
        assertTrue(loop.isClosed());
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_double_close and ::test_second_with_block_raises */
    @Test
    void closeIsIdempotent() {
        List<Integer> ret = new ArrayList<>();
        Runner runner = new Runner();
        EventLoop loop = runner.getLoop();
        runner.run(Coroutine.of(() -> ret.add(1)));
        runner.close();
        assertTrue(loop.isClosed());
        runner.close();
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, () -> runner.run(Coroutine.of(() -> ret.add(2))));
        assertEquals(List.of(1), ret);
        new Runner().close(); // an unused runner closes without making a loop
    }

    /**
     * Lib/test/test_asyncio/test_runners.py::RunnerTests::test_run_keeps_context: several
     * runs of one runner share its loop and its context.
     */
    @Test
    void aRunnerReusedForSeveralRunsSharesItsLoopAndContext() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        try (Runner runner = new Runner()) {
            EventLoop first = runner.run(() -> {
                int old = cvar.get();
                AsyncIO.sleep(0);
                cvar.set(1);
                assertEquals(-1, old);
                return AsyncIO.getRunningLoop();
            });
            EventLoop second = runner.run(() -> {
                int old = cvar.get();
                AsyncIO.sleep(0);
                cvar.set(2);
                assertEquals(1, old);
                return AsyncIO.getRunningLoop();
            });
            assertSame(first, second);
            assertSame(runner.getLoop(), first);
            Context seen = runner.run(Context::copyCurrent);
            assertEquals(2, seen.get(cvar));
            Context own = new Context();
            int inOwn = runner.run(cvar::get, own);
            assertEquals(-1, inOwn, "a run given its own context uses it");
        }
    }

    /** Between runs the loop is idle: a task left over by one run goes on in the next. */
    @Test
    void aTaskLeftByOneRunContinuesInTheNext() {
        try (Runner runner = new Runner()) {
            Task<String> background = runner.run(() -> AsyncIO.createTask(() -> AsyncIO.sleep(Duration.ofMillis(20), "bg")));
            assertFalse(background.done());
            assertEquals("bg", runner.run(() -> background.await()));
        }
    }

    /** runningLoopOrNull and getRunningLoop outside and inside a run. */
    @Test
    void theRunningLoopIsVisibleOnlyInsideARun() {
        assertNull(AsyncIO.runningLoopOrNull());
        assertThrows(IllegalStateException.class, AsyncIO::getRunningLoop);
        EventLoop inside = AsyncIO.run(() -> {
            EventLoop l = AsyncIO.getRunningLoop();
            assertSame(l, AsyncIO.runningLoopOrNull());
            EventLoop[] fromCallback = new EventLoop[1];
            l.callSoon(() -> fromCallback[0] = AsyncIO.getRunningLoop());
            AsyncIO.sleep(0);
            assertSame(l, fromCallback[0]);
            return l;
        });
        assertInstanceOf(SelectorEventLoop.class, inside);
        assertNull(AsyncIO.runningLoopOrNull());
    }
}
