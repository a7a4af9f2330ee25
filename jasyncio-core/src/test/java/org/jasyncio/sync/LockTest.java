package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_locks.py::LockTests. */
class LockTest {

    private static Task<Boolean> acquireTask(Lock lock) {
        return AsyncIO.createTask(() -> {
            lock.acquire();
            return true;
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_repr */
    @Test
    void repr() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            assertTrue(lock.toString().endsWith("[unlocked]>"));
            lock.acquire();
            assertTrue(lock.toString().endsWith("[locked]>"));
            acquireTask(lock);
            AsyncIO.sleep(0);
            assertTrue(lock.toString().endsWith("[locked, waiters:1]>"), lock.toString());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_acquire */
    @Test
    void acquireIsFifo() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            lock.acquire();
            Task<Boolean> t1 = AsyncIO.createTask(() -> {
                lock.acquire();
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = AsyncIO.createTask(() -> {
                lock.acquire();
                result.add(2);
                return true;
            });
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            lock.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            Task<Boolean> t3 = AsyncIO.createTask(() -> {
                lock.acquire();
                result.add(3);
                return true;
            });
            lock.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1, 2), result);
            lock.release();
            AsyncIO.sleep(0);
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(t1.result());
            assertTrue(t2.result());
            assertTrue(t3.result());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_acquire_cancel */
    @Test
    void cancelledAcquireLeavesNoWaiter() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Boolean> task = acquireTask(lock);
            AsyncIO.getRunningLoop().callSoon(() -> task.cancel());
            assertThrows(CancelledException.class, task::await);
            assertFalse(lock.toString().contains("waiters"), lock.toString());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_cancel_race */
    @Test
    void releaseSkipsAWaiterCancelledMeanwhile() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<Void> fa = loop.createFuture();
            Task<Void> ta = AsyncIO.createTask(Coroutine.of(() -> {
                try (Held _ = lock.acquire()) {
                    fa.await();
                }
            }));
            AsyncIO.sleep(0);
            assertTrue(lock.locked());
            Task<Void> tb = AsyncIO.createTask(Coroutine.of(() -> lock.acquire().close()));
            AsyncIO.sleep(0);
            assertTrue(lock.toString().contains("waiters:1"));
            Task<Void> tc = AsyncIO.createTask(Coroutine.of(() -> lock.acquire().close()));
            AsyncIO.sleep(0);
            assertTrue(lock.toString().contains("waiters:2"));
            fa.setResult(null);
            tb.cancel();
            AsyncIO.sleep(0);
            assertFalse(lock.locked());
            assertTrue(ta.done());
            assertTrue(tb.cancelled());
            tc.await();
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_cancel_release_race */
    @Test
    void cancelAndReleaseTogetherLetOnlyOneIn() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            int[] lockCount = {0};
            int[] callCount = {0};
            Coroutine<Void> lockit = () -> {
                callCount[0]++;
                lock.acquire();
                lockCount[0]++;
                return null;
            };
            lock.acquire();
            Task<Void> t1 = AsyncIO.createTask(lockit);
            Task<Void> t2 = AsyncIO.createTask(lockit);
            Task<Void> t3 = AsyncIO.createTask(lockit);
            AsyncIO.sleep(0);
            AsyncIO.getRunningLoop().callSoon(() -> {
                t1.cancel();
                lock.release();
            });
            assertThrows(CancelledException.class, t1::await);
            assertEquals(1, lockCount[0]);
            assertEquals(3, callCount[0]);
            assertTrue(t1.cancelled() && t2.done());
            t3.cancel();
            AsyncIO.sleep(0);
            assertTrue(t3.cancelled());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_finished_waiter_cancelled */
    @Test
    void aWaiterCancelledAfterItWasHandedTheLockPassesItOn() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertTrue(lock.locked());
            Task<Boolean> tb = acquireTask(lock);
            AsyncIO.sleep(0);
            assertTrue(lock.toString().contains("waiters:1"));
            Task<Boolean> tc = acquireTask(lock);
            tb.cancel();
            lock.release();
            AsyncIO.sleep(0);
            assertTrue(lock.locked());
            assertTrue(tb.cancelled());
            tc.await();
        });
    }

    /** The lock was handed to a waiter, then the waiter was cancelled before it ran: the next waiter gets the lock. */
    @Test
    void lockReleasedToACancelledWaiterIsNotLost() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Boolean> b = acquireTask(lock);
            Task<Boolean> c = acquireTask(lock);
            AsyncIO.sleep(0);
            lock.release();          // b's waiter gets the wake-up ...
            b.cancel();              // ... and b is cancelled before it runs
            assertThrows(CancelledException.class, b::await);
            assertTrue(c.await());   // c has the lock
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_release_not_acquired */
    @Test
    void releasingAnUnlockedLockIsRefused() {
        assertEquals("Lock is not acquired.", assertThrows(IllegalStateException.class, new Lock()::release)
                .getMessage());
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_release_no_waiters */
    @Test
    void releaseWithoutWaiters() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::LockTests::test_context_manager */
    @Test
    void tryWithResources() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            assertFalse(lock.locked());
            try (Held _ = lock.acquire()) {
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
            assertThrows(IllegalArgumentException.class, () -> {
                try (Held _ = lock.acquire()) {
                    throw new IllegalArgumentException("released anyway");
                }
            });
            assertFalse(lock.locked());
        });
    }

    /** A cancelled acquire inside try-with-resources holds nothing, so nothing is released twice. */
    @Test
    void cancelledAcquireInTryWithResourcesLeaksNothing() {
        InLoop.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> t = AsyncIO.createTask(Coroutine.of(() -> {
                try (Held _ = lock.acquire()) {
                    AsyncIO.sleep(10);
                }
            }));
            AsyncIO.sleep(0);
            t.cancel();
            assertThrows(CancelledException.class, t::await);
            assertTrue(lock.locked());   // still ours
            lock.release();
            assertFalse(lock.locked());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::ConditionTests::test_ambiguous_loops (for a lock) */
    @Test
    void aLockBoundToOneLoopRefusesAnother() {
        Lock lock = new Lock();
        InLoop.run(() -> {
            lock.acquire();
            Task<Boolean> waiter = acquireTask(lock);   // binds the lock to this loop
            AsyncIO.sleep(0);
            waiter.cancel();
        });
        try (LoopFixture other = new LoopFixture()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> other.loop.runUntilComplete(Coroutine.of(lock::acquire)));
            assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
        }
    }
}
