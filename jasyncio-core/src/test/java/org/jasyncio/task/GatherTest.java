package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.InLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/** Ports of CPython's gather tests (Lib/test/test_asyncio/test_tasks.py). */
class GatherTest {

    private static List<Future<Integer>> futures(EventLoop loop, int n) {
        List<Future<Integer>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(loop.createFuture());
        }
        return list;
    }

    /** Wraps each future in a task awaiting it (CoroutineGatherTests.wrap_futures). */
    private static List<Future<Integer>> wrapInTasks(LoopFixture f, List<Future<Integer>> futures) {
        return f.loop.runUntilComplete(() -> {
            List<Future<Integer>> tasks = new ArrayList<>();
            for (Future<Integer> fut : futures) {
                tasks.add(AsyncIO.createTask(fut::await));
            }
            return tasks;
        });
    }

    private static void checkSuccess(boolean wrap, boolean returnExceptions) {
        try (LoopFixture f = new LoopFixture()) {
            List<Future<Integer>> abc = futures(f.loop, 3);
            List<Future<Integer>> children = wrap ? wrapInTasks(f, abc) : abc;
            Future<List<Object>> fut = AsyncIO.gather(returnExceptions, children);
            AtomicInteger calls = new AtomicInteger();
            fut.addDoneCallback(x -> calls.incrementAndGet());
            abc.get(1).setResult(1);
            abc.get(0).setResult(2);
            f.runBriefly();
            assertEquals(0, calls.get());
            assertFalse(fut.done());
            abc.get(2).setResult(3);
            f.runBriefly();
            assertEquals(1, calls.get());
            assertEquals(List.of(2, 1, 3), fut.result());
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::GatherTestsBase::test_success (futures and coroutines) */
    @Test
    void success() {
        checkSuccess(false, false);
        checkSuccess(true, false);
    }

    /** Lib/test/test_asyncio/test_tasks.py::GatherTestsBase::test_result_exception_success */
    @Test
    void resultExceptionSuccess() {
        checkSuccess(false, true);
        checkSuccess(true, true);
    }

    /** Lib/test/test_asyncio/test_tasks.py::GatherTestsBase::test_one_exception */
    @Test
    void oneException() {
        try (LoopFixture f = new LoopFixture()) {
            List<Future<Integer>> fs = futures(f.loop, 5);
            Future<List<Integer>> fut = AsyncIO.gather(fs);
            AtomicInteger calls = new AtomicInteger();
            fut.addDoneCallback(x -> calls.incrementAndGet());
            ArithmeticException exc = new ArithmeticException();
            fs.get(0).setResult(1);
            fs.get(1).setException(exc);
            f.runBriefly();
            assertTrue(fut.done());
            assertEquals(1, calls.get());
            assertSame(exc, fut.exception());
            // Does nothing
            fs.get(2).setResult(3);
            fs.get(3).cancel();
            fs.get(4).setException(new RuntimeException());
            fs.get(4).exception();
            f.runBriefly();
            assertEquals(1, calls.get());
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::GatherTestsBase::test_return_exceptions */
    @Test
    void returnExceptions() {
        try (LoopFixture f = new LoopFixture()) {
            List<Future<Integer>> fs = futures(f.loop, 4);
            Future<List<Object>> fut = AsyncIO.gather(true, fs);
            AtomicInteger calls = new AtomicInteger();
            fut.addDoneCallback(x -> calls.incrementAndGet());
            ArithmeticException exc = new ArithmeticException();
            RuntimeException exc2 = new RuntimeException();
            fs.get(1).setResult(1);
            fs.get(2).setException(exc);
            fs.get(0).setResult(3);
            f.runBriefly();
            assertFalse(fut.done());
            fs.get(3).setException(exc2);
            f.runBriefly();
            assertTrue(fut.done());
            assertEquals(1, calls.get());
            assertEquals(Arrays.asList(3, 1, exc, exc2), fut.result());
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::FutureGatherTests::test_constructor_empty_sequence_use_running_loop */
    @Test
    void emptyGatherUsesTheRunningLoop() {
        try (LoopFixture f = new LoopFixture()) {
            Future<List<Object>> fut = f.loop.runUntilComplete(() -> AsyncIO.gather(false, List.of()));
            assertSame(f.loop, fut.getLoop());
            assertTrue(fut.done());
            assertEquals(List.of(), fut.result());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::FutureGatherTests::test_constructor_empty_sequence_without_loop */
    @Test
    void emptyGatherOutsideALoopSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AsyncIO.gather(false, List.of()));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }

    /** Lib/test/test_asyncio/test_tasks.py::FutureGatherTests::test_constructor_heterogenous_futures */
    @Test
    void futuresOfTwoLoopsAreRefused() {
        try (LoopFixture one = new LoopFixture(); LoopFixture other = new LoopFixture()) {
            Future<Integer> a = one.loop.createFuture();
            Future<Integer> b = other.loop.createFuture();
            assertThrows(IllegalArgumentException.class, () -> AsyncIO.gather(List.of(a, b)));
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::FutureGatherTests::test_constructor_homogenous_futures */
    @Test
    void gatherBelongsToTheChildrensLoop() {
        try (LoopFixture _ = new LoopFixture(); LoopFixture other = new LoopFixture()) {
            List<Future<Integer>> children = futures(other.loop, 3);
            Future<List<Integer>> fut = AsyncIO.gather(children);
            assertSame(other.loop, fut.getLoop());
            other.runBriefly();
            assertFalse(fut.done());
            Future<List<Integer>> again = AsyncIO.gather(children);
            assertSame(other.loop, again.getLoop());
            other.runBriefly();
            assertFalse(again.done());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::FutureGatherTests::test_one_cancellation */
    @Test
    void oneCancellationBecomesTheException() {
        try (LoopFixture f = new LoopFixture()) {
            List<Future<Integer>> fs = futures(f.loop, 5);
            Future<List<Integer>> fut = AsyncIO.gather(fs);
            AtomicInteger calls = new AtomicInteger();
            fut.addDoneCallback(x -> calls.incrementAndGet());
            fs.get(0).setResult(1);
            fs.get(1).cancel();
            f.runBriefly();
            assertTrue(fut.done());
            assertEquals(1, calls.get());
            assertFalse(fut.cancelled());
            assertInstanceOf(CancelledException.class, fut.exception());
            // Does nothing
            fs.get(2).setResult(3);
            fs.get(3).cancel();
            fs.get(4).setException(new RuntimeException());
            fs.get(4).exception();
            f.runBriefly();
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::FutureGatherTests::test_result_exception_one_cancellation */
    @Test
    void returnExceptionsKeepsCancellationsInPlace() {
        try (LoopFixture f = new LoopFixture()) {
            List<Future<Integer>> fs = futures(f.loop, 6);
            Future<List<Object>> fut = AsyncIO.gather(true, fs);
            AtomicInteger calls = new AtomicInteger();
            fut.addDoneCallback(x -> calls.incrementAndGet());
            fs.get(0).setResult(1);
            ArithmeticException zde = new ArithmeticException();
            fs.get(1).setException(zde);
            fs.get(2).cancel();
            f.runBriefly();
            assertFalse(fut.done());
            fs.get(3).setResult(3);
            fs.get(4).cancel();
            RuntimeException rte = new RuntimeException();
            fs.get(5).setException(rte);
            List<Object> res = new ArrayList<>(f.loop.runUntilComplete(fut));
            assertInstanceOf(CancelledException.class, res.get(2));
            assertInstanceOf(CancelledException.class, res.get(4));
            res.set(2, null);
            res.set(4, null);
            assertEquals(Arrays.asList(1, zde, null, 3, null, rte), res);
            assertEquals(1, calls.get());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::CoroutineGatherTests::test_duplicate_coroutines */
    @Test
    void theSameCoroutineRunsOnceAndAppearsEachTime() {
        AtomicInteger runs = new AtomicInteger();
        Coroutine<String> c = () -> {
            runs.incrementAndGet();
            return "abc";
        };
        List<String> result = InLoop.run(() -> AsyncIO.gather(c, c, () -> "def", c).await());
        assertEquals(List.of("abc", "abc", "def", "abc"), result);
        assertEquals(1, runs.get());
    }

    /** Lib/test/test_asyncio/test_tasks.py::CoroutineGatherTests::test_cancellation_broadcast */
    @Test
    void cancellingTheAwaiterCancelsEveryChild() {
        try (LoopFixture f = new LoopFixture()) {
            int[] proof = {0};
            Future<Void> waiter = f.loop.createFuture();
            Coroutine<Void> inner = () -> {
                waiter.await();
                proof[0] += 1;
                return null;
            };
            Task<Void> child1 = f.loop.createTask(inner);
            Task<Void> child2 = f.loop.createTask(inner);
            List<Future<List<Void>>> gatherer = new ArrayList<>();
            Task<Void> outer = f.loop.createTask(() -> {
                Future<List<Void>> g = AsyncIO.gather(child1, child2);
                gatherer.add(g);
                g.await();
                proof[0] += 100;
                return null;
            });
            f.runBriefly();
            assertTrue(outer.cancel());
            assertThrows(CancelledException.class, () -> f.loop.runUntilComplete(outer));
            assertFalse(gatherer.get(0).cancel());
            assertTrue(waiter.cancelled());
            assertTrue(child1.cancelled());
            assertTrue(child2.cancelled());
            f.runBriefly();
            assertEquals(0, proof[0]);
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::CoroutineGatherTests::test_exception_marking */
    @Test
    void laterFailuresAreMarkedRetrieved() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Void> a = f.loop.createFuture();
            Future<Void> b = f.loop.createFuture();
            Task<List<Object>> outer = f.loop.createTask(() -> AsyncIO.<Object>gather(
                    () -> { a.await(); throw new RuntimeException("should not be ignored"); },
                    () -> { b.await(); throw new RuntimeException("should not be ignored"); }).await());
            f.runBriefly();
            a.setResult(null);
            f.runBriefly();
            b.setResult(null);
            f.runBriefly();
            assertInstanceOf(RuntimeException.class, outer.exception());
            System.gc();
            f.runBriefly();
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_cancel_gather_1 */
    @Test
    void aGatherWhoseChildrenAreDoneRefusesCancellation() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> fut = f.loop.createFuture();
            // ensure_future(gather_future) is the gathering future itself.
            Future<List<Integer>> gatherTask = f.loop.runUntilComplete(() -> {
                Future<List<Integer>> g = AsyncIO.gather(fut::await);
                return AsyncIO.ensureFuture(g);
            });
            boolean[] cancelResult = {true};
            fut.addDoneCallback(x -> cancelResult[0] = gatherTask.cancel());
            fut.setResult(42);
            f.loop.runUntilComplete(gatherTask);
            assertFalse(cancelResult[0]);
            assertFalse(gatherTask.cancelled());
            assertEquals(List.of(42), gatherTask.result());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_cancel_gather_2 */
    @Test
    void cancellationWithMessageReachesTheGatherCaller() {
        for (String message : Arrays.asList(null, "my message")) {
            try (LoopFixture f = new LoopFixture()) {
                CancelledException e = assertThrows(CancelledException.class, () -> f.loop.runUntilComplete(() -> {
                    Task<Void> qwe = AsyncIO.createTask(() -> {
                        for (double time = 0; time <= 1; time += 0.05) {
                            AsyncIO.gather(true, AsyncIO.createTask(Coroutine.of(() -> AsyncIO.sleep(0.05)))).await();
                        }
                        return null;
                    });
                    AsyncIO.sleep(0.2);
                    qwe.cancel(message);
                    return qwe.await();
                }));
                assertEquals(message, e.getMessage());
            }
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_gather */
    @Test
    void shieldedGatherRunsOnWhenTheShieldIsCancelled() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> child1 = f.loop.createFuture();
            Future<Integer> child2 = f.loop.createFuture();
            Future<List<Integer>> parent = AsyncIO.gather(child1, child2);
            Future<List<Integer>> outer = AsyncIO.shield(parent);
            f.runBriefly();
            outer.cancel();
            f.runBriefly();
            assertTrue(outer.cancelled());
            child1.setResult(1);
            child2.setResult(2);
            f.runBriefly();
            assertEquals(List.of(1, 2), parent.result());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_gather_shield */
    @Test
    void cancellingAGatherOfShieldsCancelsTheShieldsOnly() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> child1 = f.loop.createFuture();
            Future<Integer> child2 = f.loop.createFuture();
            Future<Integer> inner1 = AsyncIO.shield(child1);
            Future<Integer> inner2 = AsyncIO.shield(child2);
            Future<List<Integer>> parent = AsyncIO.gather(inner1, inner2);
            f.runBriefly();
            parent.cancel();
            f.runBriefly();
            assertInstanceOf(CancelledException.class, parent.exception());
            assertTrue(inner1.cancelled());
            assertTrue(inner2.cancelled());
            assertFalse(child1.done());
            child1.setResult(1);
            child2.setResult(2);
            f.runBriefly();
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_completion (gather of eager tasks) */
    @Test
    void gatherOfTasksDoneEagerly() {
        List<Object> result = InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(AsyncIO.eagerTaskFactory());
            Task<Integer> a = AsyncIO.createTask(() -> 1);
            Task<Integer> b = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0);
                return 2;
            });
            assertTrue(a.done());
            assertFalse(b.done());
            return new ArrayList<Object>(AsyncIO.gather(a, b).await());
        });
        assertEquals(List.of(1, 2), result);
    }

    @Test
    void gatherAwaitedInATaskRaisesTheFirstFailure() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InLoop.run(() -> {
            AsyncIO.gather(() -> {
                AsyncIO.sleep(0.01);
                return 1;
            }, () -> {
                throw new IllegalStateException("boom");
            }).await();
        }));
        assertEquals("boom", e.getMessage());
    }

    /** Children already done are looked at in the order given (asyncio's done_futs): the first failure wins. */
    @Test
    void alreadyFailedChildrenInTheOrderGiven() {
        try (LoopFixture f = new LoopFixture()) {
            List<Future<Integer>> fs = futures(f.loop, 50);
            for (int i = 0; i < fs.size(); i++) {
                fs.get(i).setException(new IllegalStateException("child " + i));
            }
            Future<List<Integer>> fut = AsyncIO.gather(fs);
            assertEquals("child 0", fut.exception().getMessage());
            f.runBriefly();
        }
    }
}
