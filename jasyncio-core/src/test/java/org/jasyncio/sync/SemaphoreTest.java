package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_locks.py::SemaphoreTests. */
class SemaphoreTest {

    private static Task<Boolean> acquireAndLog(Semaphore sem, List<Integer> result, int tag) {
        return AsyncIO.createTask(() -> {
            sem.acquire();
            result.add(tag);
            return true;
        });
    }

    private static Task<Void> acquireTask(Semaphore sem) {
        return AsyncIO.createTask(Coroutine.of(sem::acquire));
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_initial_value_zero */
    @Test
    void zeroIsLocked() {
        assertTrue(new Semaphore(0).locked());
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_repr */
    @Test
    void repr() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            assertTrue(sem.toString().endsWith("[unlocked, value:1]>"), sem.toString());
            sem.acquire();
            assertTrue(sem.toString().endsWith("[locked]>"), sem.toString());
            acquireTask(sem);
            AsyncIO.sleep(0);
            assertTrue(sem.toString().contains("waiters:1"), sem.toString());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_semaphore_value */
    @Test
    void negativeValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire */
    @Test
    void acquire() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(3);
            List<Integer> result = new ArrayList<>();
            sem.acquire();
            sem.acquire();
            assertFalse(sem.locked());
            Task<Boolean> t1 = acquireAndLog(sem, result, 1);
            Task<Boolean> t2 = acquireAndLog(sem, result, 2);
            Task<Boolean> t3 = acquireAndLog(sem, result, 3);
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            assertTrue(sem.toString().contains("waiters:2"));
            assertEquals(0, sem.value());
            Task<Boolean> t4 = acquireAndLog(sem, result, 4);
            sem.release();
            sem.release();
            assertEquals(0, sem.value());
            AsyncIO.sleep(0);
            assertEquals(0, sem.value());
            assertEquals(3, result.size());
            assertTrue(sem.locked());
            assertTrue(sem.toString().contains("waiters:1"));
            assertTrue(t1.result());
            long done = List.of(t2, t3, t4).stream().filter(Task::done).count();
            assertEquals(2, done);
            sem.release();
            AsyncIO.gather(t2, t3, t4).await();
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_cancel */
    @Test
    void cancelledAcquire() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            sem.acquire();
            Task<Void> acquire = acquireTask(sem);
            AsyncIO.getRunningLoop().callSoon(() -> acquire.cancel());
            assertThrows(CancelledException.class, acquire::await);
            assertFalse(sem.toString().contains("waiters"));
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_cancel_before_awoken */
    @Test
    void cancelledBeforeAwoken() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t1 = acquireTask(sem);
            Task<Void> t2 = acquireTask(sem);
            Task<Void> t3 = acquireTask(sem);
            Task<Void> t4 = acquireTask(sem);
            AsyncIO.sleep(0);
            t1.cancel();
            t2.cancel();
            sem.release();
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
            assertTrue(t3.done());
            assertFalse(t4.done());
            t3.cancel();
            t4.cancel();
            AsyncIO.sleep(0);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_hang */
    @Test
    void aPermitIsNotLostToACancelledWaiter() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t1 = acquireTask(sem);
            Task<Void> t2 = acquireTask(sem);
            AsyncIO.sleep(0);
            t1.cancel();
            sem.release();
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
            assertTrue(sem.locked());
            assertTrue(t2.done());
        });
    }

    /** A permit handed to a waiter that is cancelled before it runs goes back, and on to the next waiter. */
    @Test
    void aPermitHandedToACancelledWaiterGoesToTheNext() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> b = acquireTask(sem);
            Task<Void> c = acquireTask(sem);
            AsyncIO.sleep(0);
            sem.release();   // set aside for b ...
            b.cancel();      // ... which is cancelled before it runs
            assertThrows(CancelledException.class, b::await);
            c.await();       // c got it
            assertEquals(0, sem.value());
            sem.release();
            assertEquals(1, sem.value());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_no_hang */
    @Test
    void noHang() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            Task<?>[] t2 = new Task<?>[1];
            Task<Void> t1 = AsyncIO.createTask(Coroutine.of(() -> {
                try (Held _ = sem.acquire()) {
                    AsyncIO.sleep(0);
                }
                t2[0].cancel();
            }));
            t2[0] = AsyncIO.createTask(Coroutine.of(() -> {
                try (Held _ = sem.acquire()) {
                    throw new AssertionError("must not get here");
                }
            }));
            List<Object> r = AsyncIO.gather(true, t1, t2[0]).await();
            assertNull(r.get(0));
            assertInstanceOf(CancelledException.class, r.get(1));
            AsyncIO.waitFor(Coroutine.of(sem::acquire), Duration.ofSeconds(1));
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_release_not_acquired */
    @Test
    void boundedRefusesAnExtraRelease() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        assertThrows(IllegalStateException.class, sem::release);
        Semaphore plain = new Semaphore(1);
        plain.release();
        assertEquals(2, plain.value());
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_release_no_waiters */
    @Test
    void releaseWithoutWaiters() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            sem.acquire();
            assertTrue(sem.locked());
            sem.release();
            assertFalse(sem.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_fifo_order */
    @Test
    void fifoOrder() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<String> result = new ArrayList<>();
            AsyncIO.taskGroup(tg -> {
                for (String tag : List.of("c1", "c2", "c3")) {
                    tg.createTask(Coroutine.of(() -> {
                        sem.acquire();
                        result.add(tag + "_1");
                        AsyncIO.sleep(0.01);
                        sem.release();
                        sem.acquire();
                        result.add(tag + "_2");
                        AsyncIO.sleep(0.01);
                        sem.release();
                    }));
                }
            });
            assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_fifo_order_2 */
    @Test
    void fifoOrder2() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquireAndLog(sem, result, 1);
            Task<Boolean> t2 = AsyncIO.createTask(() -> {
                sem.acquire();
                result.add(2);
                sem.release();
                sem.acquire();
                result.add(4);
                return true;
            });
            Task<Boolean> t3 = acquireAndLog(sem, result, 3);
            AsyncIO.sleep(0);
            sem.release();
            sem.release();
            AsyncIO.gather(t1, t2, t3).await();
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_fifo_order_3 */
    @Test
    void fifoOrder3() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquireAndLog(sem, result, 1);
            Task<Boolean> t2 = acquireAndLog(sem, result, 2);
            Task<Boolean> t3 = acquireAndLog(sem, result, 3);
            AsyncIO.sleep(0);
            t1.cancel();
            AsyncIO.sleep(0);
            sem.release();
            sem.release();
            AsyncIO.gather(true, t1, t2, t3).await();
            assertEquals(List.of(2, 3), result);
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::SemaphoreTests::test_acquire_fifo_order_4 */
    @Test
    void fifoOrder4() {
        InLoop.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<?>[] t4 = new Task<?>[1];
            Task<Boolean> t1 = AsyncIO.createTask(() -> {
                assertEquals(0, sem.value());
                sem.acquire();
                assertEquals(0, sem.value());   // every waiter was woken
                t4[0] = AsyncIO.createTask(() -> result.add(4));   // runs after c3, not c2
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = AsyncIO.createTask(() -> {
                sem.release();
                sem.release();
                sem.release();
                assertEquals(2, sem.value());
                assertTrue(sem.locked());   // c1 has not woken up yet
                sem.acquire();
                result.add(2);
                return true;
            });
            Task<Boolean> t3 = AsyncIO.createTask(() -> {
                sem.acquire();
                assertTrue(sem.locked());
                result.add(3);
                return true;
            });
            AsyncIO.sleep(0);
            assertEquals(2, sem.value());
            assertTrue(sem.toString().contains("waiters:3"), sem.toString());
            AsyncIO.sleep(0);
            AsyncIO.gather(t1, t2, t3, t4[0]).await();
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }
}
