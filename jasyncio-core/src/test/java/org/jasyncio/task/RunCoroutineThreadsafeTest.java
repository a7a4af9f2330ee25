package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jasyncio.AsyncIO;
import org.jasyncio.context.Context;
import org.jasyncio.internal.core.BaseLoop.SchedulerChoice;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TaskFactory;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.testing.Schedulers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AsyncIO.runCoroutineThreadsafe: CPython's test_tasks RunCoroutineThreadsafeTests. As
 * there, the loop runs on the test thread and the submitting code on an executor thread.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Schedulers#both")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunCoroutineThreadsafeTest {
    @Parameter
    SchedulerChoice scheduler;

    private LoopFixture fixture;
    private EventLoop loop;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void open() {
        fixture = new LoopFixture(Schedulers.newLoop(scheduler));
        loop = fixture.loop;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Waits 10 ms and returns a + b; may fail or cancel itself first. */
    private Coroutine<Integer> add(int a, int b, boolean fail, boolean cancel) {
        return () -> {
            AsyncIO.sleep(Duration.ofMillis(10));
            if (fail) {
                throw new IllegalStateException("Fail!");
            }
            if (cancel) {
                Task.current().cancel();
                AsyncIO.sleep(0);
            }
            return a + b;
        };
    }

    /** Lib/test/test_asyncio/test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe */
    @Test
    void theResultReachesTheSubmittingThread() {
        Future<Integer> other = loop.runInExecutor(null,
                () -> AsyncIO.runCoroutineThreadsafe(add(1, 2, false, false), loop).get(10, TimeUnit.SECONDS));
        assertEquals(3, loop.runUntilComplete(other));
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_with_exception */
    @Test
    void theExceptionReachesTheSubmittingThread() {
        Future<Integer> other = loop.runInExecutor(null,
                () -> AsyncIO.runCoroutineThreadsafe(add(1, 2, true, false), loop).get(10, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> loop.runUntilComplete(other));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("Fail!", e.getCause().getMessage());
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_task_cancelled */
    @Test
    void aTaskCancelledOnTheLoopCancelsTheSubmittersFuture() {
        Future<Integer> other = loop.runInExecutor(null,
                () -> AsyncIO.runCoroutineThreadsafe(add(1, 2, false, true), loop).get(10, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> loop.runUntilComplete(other));
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_with_timeout:
     * the submitter gives up and cancels; the task is cancelled where it waits.
     */
    @Test
    void cancellingFromTheSubmittingThreadCancelsTheTask() {
        Coroutine<Integer> slow = () -> {
            try {
                return AsyncIO.sleep(Duration.ofSeconds(10), 0);
            } catch (CancelledException e) {
                log.add("cancelled in the task");
                throw e;
            }
        };
        Future<Boolean> other = loop.runInExecutor(null, () -> {
            CompletableFuture<Integer> f = AsyncIO.runCoroutineThreadsafe(slow, loop);
            try {
                f.get(20, TimeUnit.MILLISECONDS);
                return false;
            } catch (TimeoutException expected) {
                return f.cancel(true);
            }
        });
        assertTrue(loop.runUntilComplete(other));
        fixture.runBriefly();
        for (Task<?> t : loop.allTasks()) {
            assertTrue(t.done(), "no task left pending: " + t);
        }
        assertEquals(List.of("cancelled in the task"), log);
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_task_factory_exception:
     * a task factory that throws fails the submitter's future and is reported to the loop's handler.
     */
    @Test
    void aFailingTaskFactoryFailsTheFutureAndIsReported() {
        IllegalArgumentException broken = new IllegalArgumentException("broken factory");
        loop.setTaskFactory(new TaskFactory() {
            @Override
            public <T> Task<T> create(EventLoop l, Coroutine<T> coroutine, String name, Context context) {
                throw broken;
            }
        });
        Future<Integer> other = loop.runInExecutor(null,
                () -> AsyncIO.runCoroutineThreadsafe(add(1, 2, false, false), loop).get(10, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> loop.runUntilComplete(other));
        assertSame(broken, e.getCause());
        assertEquals(1, fixture.errors.size(), fixture.errors.toString());
        assertSame(broken, fixture.errors.get(0).exception());
    }

    /** A future cancelled before the loop took the submission never starts the coroutine. */
    @Test
    void aSubmissionCancelledBeforeItStartsNeverRuns() {
        CompletableFuture<Integer> f = AsyncIO.runCoroutineThreadsafe(() -> {
            log.add("ran");
            return 1;
        }, loop);
        f.cancel(false);
        fixture.runBriefly();
        assertEquals(List.of(), log);
        assertTrue(loop.allTasks().isEmpty());
        fixture.assertNoErrors();
    }
}
