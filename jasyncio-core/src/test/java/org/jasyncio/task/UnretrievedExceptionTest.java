package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "exception was never retrieved": CPython's test_futures tb_logger tests and
 * test_base_events' test_default_exc_handler_coro. A future is only reported once the
 * garbage collector finds it unreachable, so each test garbage-collects in a bounded
 * loop, and the "never reported" tests wait for a sentinel that must be reported, which
 * proves the collector ran, before asserting nothing else was.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnretrievedExceptionTest {
    private static final int MAX_ROUNDS = 200;

    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Collects garbage and runs the loop until {@code count} reports arrived (bounded). */
    private List<ExceptionContext> collectUntilReported(int count) {
        for (int round = 0; round < MAX_ROUNDS && fixture.errors.size() < count; round++) {
            System.gc();
            loop.callLater(Duration.ofMillis(10), loop::stop);
            loop.runForever();
        }
        assertTrue(fixture.errors.size() >= count, "expected " + count + " reports after " + MAX_ROUNDS
                + " collections, got " + fixture.errors);
        // A few more rounds, so a report that should not exist has every chance to show up.
        for (int round = 0; round < 3; round++) {
            System.gc();
            loop.callLater(Duration.ofMillis(10), loop::stop);
            loop.runForever();
        }
        return List.copyOf(fixture.errors);
    }

    private void abandonFailedFuture(RuntimeException error) {
        Future<Object> f = loop.createFuture();
        f.setException(error);
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_tb_logger_exception_unretrieved */
    @Test
    void anUnretrievedExceptionIsReportedWhenTheFutureIsCollected() {
        RuntimeException boom = new RuntimeException("boom");
        abandonFailedFuture(boom);
        List<ExceptionContext> reports = collectUntilReported(1);
        assertEquals(1, reports.size(), reports.toString());
        ExceptionContext report = reports.get(0);
        assertEquals("Future exception was never retrieved", report.message());
        assertTrue(report.exception() == boom);
        assertEquals("<Future finished>", report.get(ExceptionContext.FUTURE));
        assertNull(report.get(ExceptionContext.SOURCE_TRACEBACK));
    }

    /**
     * Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_tb_logger_exception_retrieved,
     * ::test_tb_logger_exception_result_retrieved, ::test_tb_logger_result_unretrieved,
     * ::test_tb_logger_result_retrieved, ::test_tb_logger_abandoned and
     * ::test_tb_logger_not_called_after_cancel: none of these is reported.
     */
    @Test
    void retrievedResultOnlyAbandonedAndCancelledFuturesAreNotReported() {
        abandonQuietFutures();
        RuntimeException sentinel = new RuntimeException("sentinel");
        abandonFailedFuture(sentinel);
        List<ExceptionContext> reports = collectUntilReported(1);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).exception() == sentinel);
    }

    private void abandonQuietFutures() {
        Future<Object> exceptionRetrieved = loop.createFuture();
        exceptionRetrieved.setException(new RuntimeException("retrieved by exception()"));
        exceptionRetrieved.exception();
        Future<Object> resultRetrieved = loop.createFuture();
        resultRetrieved.setException(new RuntimeException("retrieved by result()"));
        try {
            resultRetrieved.result();
        } catch (RuntimeException expected) {
            // retrieved
        }
        Future<Object> resultOnly = loop.createFuture();
        resultOnly.setResult(42);
        loop.createFuture(); // abandoned pending
        Future<Object> cancelled = loop.createFuture();
        cancelled.cancel();
        Future<Object> awaited = loop.createFuture();
        awaited.setException(new RuntimeException("retrieved by await"));
        try {
            loop.runUntilComplete(() -> awaited.await());
        } catch (RuntimeException expected) {
            // retrieved
        }
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_default_exc_handler_coro:
     * a task whose exception nobody retrieves is reported as a task, by name.
     */
    @Test
    void aFailedTaskNobodyAwaitsIsReported() {
        IllegalStateException zero = new IllegalStateException("zero");
        startFailingTask(zero);
        List<ExceptionContext> reports = collectUntilReported(1);
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Task exception was never retrieved", reports.get(0).message());
        assertTrue(reports.get(0).exception() == zero);
        assertEquals("<Task name='doomed' finished>", reports.get(0).get(ExceptionContext.TASK));
    }

    private void startFailingTask(RuntimeException error) {
        Task<Void> t = loop.createTask(Coroutine.of(() -> {
            AsyncIO.sleep(Duration.ofMillis(1));
            throw error;
        }), "doomed");
        Future<Object> stop = loop.createFuture();
        t.addDoneCallback(x -> stop.setResult(null));
        loop.runUntilComplete(stop);
        assertTrue(t.done());
    }

    /**
     * Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_future_exception_never_retrieved_debug:
     * in debug mode the report says where the future was created.
     */
    @Test
    void inDebugModeTheReportSaysWhereTheFutureWasCreated() {
        loop.setDebug(true);
        abandonFailedFutureFromHere();
        List<ExceptionContext> reports = collectUntilReported(1);
        Throwable where = assertInstanceOf(Throwable.class, reports.get(0).get(ExceptionContext.SOURCE_TRACEBACK));
        assertTrue(List.of(where.getStackTrace()).stream()
                .anyMatch(f -> f.getMethodName().equals("abandonFailedFutureFromHere")));
    }

    private void abandonFailedFutureFromHere() {
        abandonFailedFuture(new RuntimeException("debug"));
    }
}
