package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.task.TimeoutException;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_locks.py::ConditionTests. */
class ConditionTest {

    /** acquire, await, log the tag; with {@code release}, release afterwards. */
    private static Task<Boolean> waiter(Condition cond, List<Integer> result, int tag, boolean release) {
        return AsyncIO.createTask(() -> {
            cond.acquire();
            cond.await();
            result.add(tag);
            if (release) {
                cond.release();
            }
            return true;
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait */
    @Test
    void signalledWaitersRunOneAtATimeAsTheLockAllows() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, false);
            Task<Boolean> t2 = waiter(cond, result, 2, false);
            Task<Boolean> t3 = waiter(cond, result, 3, false);
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            assertFalse(cond.locked());
            cond.acquire();
            cond.signal();
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            assertTrue(cond.locked());
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());
            cond.signal(2);
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1, 2), result);
            assertTrue(cond.locked());
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.locked());
            assertTrue(t1.result() && t2.result() && t3.result());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait_cancel */
    @Test
    void aCancelledWaitStillReacquires() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            cond.acquire();
            Task<Void> wait = AsyncIO.createTask(Coroutine.of(cond::await));
            AsyncIO.getRunningLoop().callSoon(() -> wait.cancel());
            assertThrows(CancelledException.class, wait::await);
            assertFalse(cond.toString().contains("waiters"));
            assertTrue(cond.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait_cancel_contested */
    @Test
    void cancelWhileTheLockIsContested() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            cond.acquire();
            assertTrue(cond.locked());
            Task<Void> waitTask = AsyncIO.createTask(Coroutine.of(cond::await));
            AsyncIO.sleep(0);
            assertFalse(cond.locked());
            cond.acquire();
            assertTrue(cond.locked());
            cond.signal();
            AsyncIO.getRunningLoop().callSoon(() -> waitTask.cancel());
            AsyncIO.getRunningLoop().callSoon(cond::release);
            try {
                waitTask.await();
            } catch (CancelledException c) {
                // should not happen, since no cancellation points
            }
            assertTrue(cond.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait_cancel_after_notify */
    @Test
    void cancelAfterTheSignal() {
        InLoop.run(() -> {
            boolean[] waited = {false};
            Condition cond = new Condition();
            Task<Void> waiter = AsyncIO.createTask(Coroutine.of(() -> {
                try (Held _ = cond.acquire()) {
                    waited[0] = true;
                    cond.await();
                }
            }));
            AsyncIO.sleep(0);
            cond.acquire();
            cond.signal();
            AsyncIO.sleep(0);
            waiter.cancel();
            AsyncIO.sleep(0);
            cond.release();
            AsyncIO.sleep(0);
            assertTrue(waiter.cancelled());
            assertTrue(waited[0]);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait_unacquired, test_notify_unacquired, test_notify_all_unacquired */
    @Test
    void withoutTheLockIsRefused() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            assertThrows(IllegalStateException.class, cond::await);
            assertThrows(IllegalStateException.class, cond::signal);
            assertThrows(IllegalStateException.class, cond::signalAll);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait_for */
    @Test
    void awaitForRechecksThePredicate() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            boolean[] presult = {false};
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = AsyncIO.createTask(() -> {
                cond.acquire();
                cond.awaitFor(() -> presult[0]);
                result.add(1);
                cond.release();
                return true;
            });
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            cond.acquire();
            cond.signal();
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            presult[0] = true;
            cond.acquire();
            cond.signal();
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(t.result());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_wait_for_unacquired */
    @Test
    void awaitForATruePredicateNeedsNoLock() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            cond.awaitFor(() -> true);
            assertThrows(IllegalStateException.class, () -> cond.awaitFor(() -> false));
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_notify */
    @Test
    void signalN() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, true);
            Task<Boolean> t2 = waiter(cond, result, 2, true);
            Task<Boolean> t3 = waiter(cond, result, 3, true);
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            cond.acquire();
            cond.signal(1);
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            cond.acquire();
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(t1.result() && t2.result() && t3.result());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_notify_all */
    @Test
    void signalAll() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, true);
            Task<Boolean> t2 = waiter(cond, result, 2, true);
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            cond.acquire();
            cond.signalAll();
            cond.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1, 2), result);
            assertTrue(t1.result() && t2.result());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_repr and test_context_manager */
    @Test
    void reprAndTryWithResources() {
        InLoop.run(() -> {
            Condition cond = new Condition();
            assertTrue(cond.toString().contains("unlocked"));
            try (Held _ = cond.acquire()) {
                assertTrue(cond.locked());
                assertTrue(cond.toString().contains("[locked"));
            }
            assertFalse(cond.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_explicit_lock */
    @Test
    void explicitLock() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            Condition cond = new Condition(lock);
            assertFalse(lock.locked());
            try (Held _ = cond.acquire()) {
                assertTrue(lock.locked());
                assertTrue(cond.locked());
            }
            assertFalse(lock.locked());
            try (Held _ = lock.acquire()) {
                assertTrue(cond.locked());
            }
            assertFalse(cond.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_timeout_in_block */
    @Test
    void timeoutInsideTheBlock() {
        InLoop.run(() -> {
            Condition condition = new Condition();
            try (Held _ = condition.acquire()) {
                assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(Coroutine.of(condition::await),
                        Duration.ofMillis(50)));
                assertTrue(condition.locked());
            }
        });
    }

    /**
     * Lib/test/test_asyncio/test_locks.py::ConditionTests::test_cancelled_error_wakeup and
     * test_cancelled_error_re_aquire. asyncio re-raises the very same CancelledError
     * instance from the task; here the task's own exception carries it as its cause.
     */
    @Test
    void theCancellationComesOutUnchanged() {
        for (boolean reacquiring : new boolean[] {false, true}) {
            InLoop.run(() -> {
                boolean[] wake = {false};
                CancelledException[] raised = new CancelledException[1];
                Condition cond = new Condition();
                Task<Void> task = AsyncIO.createTask(Coroutine.of(() -> {
                    try (Held _ = cond.acquire()) {
                        raised[0] = assertThrows(CancelledException.class, () -> cond.awaitFor(() -> wake[0]));
                        throw raised[0];
                    }
                }));
                AsyncIO.sleep(0);
                if (reacquiring) {
                    cond.acquire();
                    wake[0] = true;
                    cond.signal();
                    AsyncIO.sleep(0);
                    task.cancel("foo");   // now re-acquiring the lock
                    cond.release();
                } else {
                    task.cancel("foo");   // waiting to be signalled
                }
                CancelledException err = assertThrows(CancelledException.class, task::await);
                assertEquals("foo", err.getMessage());
                assertSame(raised[0], err.getCause());
            });
        }
    }

    /**
     * Lib/test/test_asyncio/test_locks.py::ConditionTests::test_cancelled_wakeup and
     * test_cancelled_wakeup_relock: a task cancelled as it is signalled does not lose the
     * wake-up; another consumer takes the item.
     */
    @Test
    void aWakeUpRacingACancellationIsNotLost() {
        for (boolean relock : new boolean[] {false, true}) {
            InLoop.run(() -> {
                Condition condition = new Condition();
                int[] state = {0};
                List<Task<Void>> c = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    c.add(AsyncIO.createTask(Coroutine.of(() -> {
                        try (Held _ = condition.acquire()) {
                            while (true) {
                                condition.awaitFor(() -> state[0] != 0);
                                if (state[0] < 0) {
                                    return;
                                }
                                state[0] -= 1;
                            }
                        }
                    })));
                }
                AsyncIO.sleep(0);
                try (Held _ = condition.acquire()) {
                    state[0] += 1;
                    condition.signal(1);
                    if (relock) {
                        AsyncIO.sleep(0);   // the woken task now waits for the lock
                    }
                    c.get(0).cancel();
                    try {
                        AsyncIO.timeout(Duration.ofMillis(10), () -> condition.awaitFor(() -> state[0] == 0));
                    } catch (TimeoutException e) {
                        // checked below
                    }
                    assertEquals(0, state[0]);
                    state[0] = -1;
                    condition.signalAll();
                }
                c.get(1).await();
            });
        }
    }
}
