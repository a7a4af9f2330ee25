package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_locks.py::BarrierTests. */
class BarrierTest {
    private static final int N = 5;

    private static <T> List<Task<T>> makeTasks(int n, Coroutine<T> coro) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(AsyncIO.createTask(coro));
        }
        return tasks;
    }

    private static <T> List<T> gatherTasks(int n, Coroutine<T> coro) {
        return AsyncIO.gather(makeTasks(n, coro)).await();
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_repr */
    @Test
    void repr() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            assertTrue(barrier.toString().contains("filling"));
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiters.add(AsyncIO.createTask(barrier::await));
            }
            AsyncIO.sleep(0);
            assertTrue(barrier.toString().contains("waiters:2/" + N), barrier.toString());
            assertTrue(barrier.toString().contains("filling"));
            for (int i = 0; i < barrier.parties() - barrier.nWaiting(); i++) {
                waiters.add(AsyncIO.createTask(barrier::await));
            }
            AsyncIO.sleep(0);
            assertTrue(barrier.toString().contains("draining"), barrier.toString());
            for (int i = 0; i < 2; i++) {
                waiters.add(AsyncIO.createTask(barrier::await));
            }
            AsyncIO.sleep(0);
            barrier.reset();
            assertTrue(barrier.toString().contains("resetting"), barrier.toString());
            for (int i = 0; i < 2; i++) {
                waiters.add(AsyncIO.createTask(barrier::await));
            }
            AsyncIO.sleep(0);
            barrier.abort();
            assertTrue(barrier.toString().contains("broken"));
            assertTrue(barrier.broken());
            AsyncIO.gather(true, waiters).await();
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_barrier_parties */
    @Test
    void parties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(N, new Barrier(N).parties());
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_context_manager and test_filling_tasks_check_return_value */
    @Test
    void everyPartyGetsItsOwnIndex() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Integer> res = gatherTasks(N, () -> {
                barrier.await();
                return barrier.await();
            });
            assertEquals(List.of(0, 1, 2, 3, 4), res.stream().sorted().toList());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_filling_one_task and test_filling_one_task_twice */
    @Test
    void aBarrierOfOne() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(1);
            assertEquals(0, barrier.await());
            Task<Integer> t1 = AsyncIO.createTask(barrier::await);
            AsyncIO.sleep(0);
            assertEquals(0, barrier.nWaiting());
            Task<Integer> t2 = AsyncIO.createTask(barrier::await);
            AsyncIO.sleep(0);
            assertEquals(t1.result(), t2.result());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_filling_task_by_task */
    @Test
    void fillingTaskByTask() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> t1 = AsyncIO.createTask(barrier::await);
            AsyncIO.sleep(0);
            assertEquals(1, barrier.nWaiting());
            Task<Integer> t2 = AsyncIO.createTask(barrier::await);
            AsyncIO.sleep(0);
            assertEquals(2, barrier.nWaiting());
            Task<Integer> t3 = AsyncIO.createTask(barrier::await);
            AsyncIO.sleep(0);
            AsyncIO.wait(List.of(t1, t2, t3));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_filling_tasks_wait_twice */
    @Test
    void waitTwice() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                barrier.await();
                results.add(true);
                barrier.await();
                results.add(false);
                return null;
            });
            assertEquals(2 * N, results.size());
            assertEquals(N, results.stream().filter(b -> b).count());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_draining_state */
    @Test
    void drainingState() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                barrier.await();
                results.add(barrier.toString().contains("draining"));
                return null;
            });
            assertEquals(N, results.size());
            assertFalse(results.get(N - 1));
            assertTrue(results.subList(0, N - 1).stream().allMatch(b -> b));
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_blocking_tasks_while_draining */
    @Test
    void blockingTasksWhileDraining() {
        InLoop.run(() -> {
            int rewait = 2;
            Barrier barrier = new Barrier(N);
            Barrier barrierNoWaiting = new Barrier(N - rewait);
            int[] rewaitN = {rewait};
            gatherTasks(N, () -> {
                barrier.await();
                if (rewaitN[0] > 0) {
                    rewaitN[0]--;
                    barrier.await();
                } else {
                    barrierNoWaiting.await();
                    barrier.await();
                }
                return null;
            });
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_filling_tasks_cancel_one */
    @Test
    void aCancelledPartyLeavesItsPlace() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            Coroutine<Void> coro = () -> {
                barrier.await();
                results.add(true);
                return null;
            };
            Task<Void> t1 = AsyncIO.createTask(coro);
            AsyncIO.sleep(0);
            assertEquals(1, barrier.nWaiting());
            Task<Void> t2 = AsyncIO.createTask(coro);
            AsyncIO.sleep(0);
            assertEquals(2, barrier.nWaiting());
            t1.cancel();
            AsyncIO.sleep(0);
            assertEquals(1, barrier.nWaiting());
            assertThrows(CancelledException.class, t1::await);
            Task<Void> t3 = AsyncIO.createTask(coro);
            AsyncIO.sleep(0);
            assertEquals(2, barrier.nWaiting());
            Task<Void> t4 = AsyncIO.createTask(coro);
            AsyncIO.gather(t2, t3, t4).await();
            assertEquals(3, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_reset_barrier */
    @Test
    void resetAnIdleBarrier() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(1);
            AsyncIO.createTask(Coroutine.of(barrier::reset));
            AsyncIO.sleep(0);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_reset_barrier_while_tasks_waiting */
    @Test
    void resetBreaksTheWaitingTasks() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results.add(true);
                }
                return null;
            });
            AsyncIO.sleep(0);
            AsyncIO.createTask(Coroutine.of(barrier::reset));
            AsyncIO.gather(tasks).await();
            assertEquals(N - 1, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_reset_barrier_while_tasks_waiting_and_waiting_again */
    @Test
    void resetThenWaitAgain() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true);
                } finally {
                    barrier.await();
                    results2.add(true);
                }
                return null;
            });
            AsyncIO.createTask(Coroutine.of(barrier::reset));
            AsyncIO.sleep(0);
            AsyncIO.createTask(() -> {
                barrier.await();
                results2.add(true);
                return null;
            });
            AsyncIO.gather(tasks).await();
            assertFalse(barrier.broken());
            assertEquals(N - 1, results1.size());
            assertEquals(N, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_reset_barrier_while_tasks_draining */
    @Test
    void resetWhileDraining() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            int[] count = {0};
            gatherTasks(N, () -> {
                barrier.await();
                count[0]++;
                if (count[0] == N) {
                    barrier.reset();
                    barrier.await();
                } else {
                    try {
                        barrier.await();
                        results1.add(true);
                    } catch (RuntimeException e) {
                        results2.add(true);
                    }
                }
                barrier.await();
                results3.add(true);
                return null;
            });
            assertFalse(barrier.broken());
            assertEquals(N - 1, results1.size());
            assertEquals(0, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_abort_barrier */
    @Test
    void abortAnIdleBarrier() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(1);
            AsyncIO.createTask(Coroutine.of(barrier::abort));
            AsyncIO.sleep(0);
            assertEquals(0, barrier.nWaiting());
            assertTrue(barrier.broken());
            assertThrows(BrokenBarrierException.class, barrier::await);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_abort_barrier_when_tasks_half_draining_half_blocking */
    @Test
    void abortWhileHalfDrainingHalfBlocking() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true);
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    barrier.abort();
                } else {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierException e) {
                        results2.add(true);
                    }
                }
                return null;
            });
            assertTrue(barrier.broken());
            assertEquals(blockingTasks, results1.size());
            assertEquals(N - blockingTasks - 1, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_abort_barrier_when_exception */
    @Test
    void abortWhenAPartyFails() {
        InLoop.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            gatherTasks(N, () -> {
                try {
                    int i = barrier.await();
                    if (i == N / 2) {
                        throw new IllegalStateException("runtime");
                    }
                    barrier.await();
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier.abort();
                }
                return null;
            });
            assertTrue(barrier.broken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::BarrierTests::test_abort_barrier_when_exception_then_resetting */
    @Test
    void abortThenReset() {
        InLoop.run(() -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            gatherTasks(N, () -> {
                try {
                    int i = barrier1.await();
                    if (i == N / 2) {
                        throw new IllegalArgumentException("runtime");
                    }
                    barrier1.await();
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalArgumentException e) {
                    barrier1.abort();
                }
                int i = barrier2.await();
                if (i == N / 2) {
                    barrier1.reset();
                }
                barrier2.await();
                barrier1.await();
                results3.add(true);
                return null;
            });
            assertFalse(barrier1.broken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier1.nWaiting());
        });
    }
}
