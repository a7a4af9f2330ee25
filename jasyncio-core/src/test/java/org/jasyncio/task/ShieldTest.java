package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jasyncio.AsyncIO;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/** Ports of CPython's shield tests (Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_*). */
class ShieldTest {

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_result */
    @Test
    void result() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> inner = f.loop.createFuture();
            Future<Integer> outer = AsyncIO.shield(inner);
            inner.setResult(42);
            assertEquals(42, f.loop.runUntilComplete(outer));
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_exception */
    @Test
    void exception() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> inner = f.loop.createFuture();
            Future<Integer> outer = AsyncIO.shield(inner);
            f.runBriefly();
            RuntimeException exc = new RuntimeException("expected");
            inner.setException(exc);
            f.runBriefly();
            assertSame(exc, outer.exception());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_cancel_inner */
    @Test
    void cancellingTheInnerCancelsTheShield() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> inner = f.loop.createFuture();
            Future<Integer> outer = AsyncIO.shield(inner);
            f.runBriefly();
            inner.cancel();
            f.runBriefly();
            assertTrue(outer.cancelled());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_cancel_outer */
    @Test
    void cancellingTheShieldLeavesTheInnerAlone() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> inner = f.loop.createFuture();
            Future<Integer> outer = AsyncIO.shield(inner);
            f.runBriefly();
            outer.cancel();
            f.runBriefly();
            assertTrue(outer.cancelled());
            assertFalse(inner.cancelled());
            // the shield's callback on the inner future is gone
            assertFalse(inner.toString().contains("cb="), inner.toString());
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_shortcut */
    @Test
    void aDoneFutureIsReturnedAsIs() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> fut = f.loop.createFuture();
            fut.setResult(42);
            assertSame(fut, AsyncIO.shield(fut));
            assertEquals(42, f.loop.runUntilComplete(AsyncIO.shield(fut)));
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_effect */
    @Test
    void cancellingTheAwaiterDoesNotAffectTheShieldedTask() {
        try (LoopFixture f = new LoopFixture()) {
            int[] proof = {0};
            Future<Void> waiter = f.loop.createFuture();
            Task<Void> outer = f.loop.createTask(() -> {
                AsyncIO.shield(() -> {
                    waiter.await();
                    proof[0] += 1;
                    return null;
                }).await();
                proof[0] += 100;
                return null;
            });
            f.runBriefly();
            outer.cancel();
            assertThrows(CancelledException.class, () -> f.loop.runUntilComplete(outer));
            waiter.setResult(null);
            f.runBriefly();
            assertEquals(1, proof[0]);
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_shield_coroutine_use_running_loop */
    @Test
    void aShieldedCoroutineRunsOnTheRunningLoop() {
        try (LoopFixture f = new LoopFixture()) {
            Future<Integer> outer = f.loop.runUntilComplete(() -> AsyncIO.shield(() -> 42));
            assertSame(f.loop, outer.getLoop());
            assertEquals(42, f.loop.runUntilComplete(outer));
        }
    }
}
