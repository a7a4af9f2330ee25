package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jasyncio.AsyncIO;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of CPython's wait tests (Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait*). */
class WaitTest {

    private static Task<Void> sleeper(double seconds) {
        return AsyncIO.createTask(Coroutine.of(() -> AsyncIO.sleep(seconds)));
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait */
    @Test
    void waitsForAll() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(0.01);
            Task<Void> b = sleeper(0.02);
            for (int i = 0; i < 2; i++) {   // again: takes no time, a different path
                WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a));
                assertEquals(Set.of(a, b), r.done());
                assertEquals(Set.of(), r.pending());
            }
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_duplicate_coroutines */
    @Test
    void duplicatesCountOnce() {
        InLoop.run(() -> {
            Task<String> c = AsyncIO.createTask(() -> "test");
            WaitResult<Task<String>> r = AsyncIO.wait(List.of(c, c, AsyncIO.createTask(() -> "spam")));
            assertTrue(r.pending().isEmpty());
            assertEquals(Set.of("test", "spam"), r.done().stream().map(Future::result).collect(Collectors.toSet()));
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_errors */
    @Test
    void anEmptyCollectionIsRefused() {
        InLoop.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AsyncIO.wait(new ArrayList<Future<?>>()));
            assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_first_completed */
    @Test
    void firstCompleted() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(10);
            Task<Void> b = sleeper(0.01);
            WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            assertFalse(a.done());
            assertTrue(b.done());
            assertNull(b.result());
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_really_done */
    @Test
    void futuresDoneMeanwhileAreReportedDone() {
        InLoop.run(() -> {
            Task<Void> a = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.sleep(0)));
            Task<Void> b = AsyncIO.createTask(Coroutine.of(() -> {
                AsyncIO.sleep(0);
                AsyncIO.sleep(0);
            }));
            WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(a, b), r.done());
            assertNull(a.result());
            assertNull(b.result());
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_first_exception */
    @Test
    void firstExceptionAlreadyThere() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(10);
            Task<Void> b = AsyncIO.createTask(() -> {
                throw new ArithmeticException("err");
            });
            WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            b.exception();
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_first_exception_in_wait */
    @Test
    void firstExceptionWhileWaiting() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(10);
            Task<Void> b = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0.01);
                throw new ArithmeticException("err");
            });
            WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            b.exception();
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_with_exception */
    @Test
    void allCompletedWithAFailure() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(0.01);
            Task<Void> b = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0.015);
                throw new ArithmeticException("really");
            });
            for (int i = 0; i < 2; i++) {
                WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a));
                assertEquals(2, r.done().size());
                assertTrue(r.pending().isEmpty());
                assertEquals(1, r.done().stream().filter(f -> f.exception() != null).count());
            }
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_with_timeout */
    @Test
    void timeoutLeavesTheRestPending() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(0.01);
            Task<Void> b = sleeper(10);
            WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a), Duration.ofMillis(100));
            assertEquals(Set.of(a), r.done());
            assertEquals(Set.of(b), r.pending());
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_concurrent_complete */
    @Test
    void timeoutAndCompletionAtTheSameTime() {
        InLoop.run(() -> {
            Task<Void> a = sleeper(0.05);
            Task<Void> b = sleeper(10);
            AsyncIO.sleep(0);   // a's timer first (the test loop of CPython has a frozen clock)
            WaitResult<Task<Void>> r = AsyncIO.wait(List.of(b, a), Duration.ofMillis(50));
            // a's timer and the timeout are due together: a's wake-up is scheduled first,
            // so it is done by the time wait() looks.
            assertEquals(Set.of(a), r.done());
            assertEquals(Set.of(b), r.pending());
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_wait_generator */
    @Test
    void manyTasks() {
        InLoop.run(() -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int v = i;
                tasks.add(AsyncIO.createTask(() -> v));
            }
            WaitResult<Task<Integer>> r = AsyncIO.wait(tasks, ReturnWhen.ALL_COMPLETED);
            assertEquals(10, r.done().size());
            assertEquals(0, r.pending().size());
        });
    }

    /** Cancelling the waiting task leaves the futures alone and removes wait's callbacks (asyncio's _wait finally). */
    @Test
    void cancellingTheWaiterDoesNotCancelTheFutures() {
        InLoop.run(() -> {
            Future<Integer> f = AsyncIO.getRunningLoop().createFuture();
            Task<WaitResult<Future<Integer>>> waiter = AsyncIO.createTask(() -> AsyncIO.wait(List.of(f)));
            AsyncIO.sleep(0);
            assertTrue(f.toString().contains("cb=[1 callback]"), f.toString());
            waiter.cancel();
            assertThrows(CancelledException.class, waiter::await);
            assertFalse(f.done());
            assertFalse(f.toString().contains("cb="), f.toString());
        });
    }
}
