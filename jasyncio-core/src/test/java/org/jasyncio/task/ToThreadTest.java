package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jasyncio.AsyncIO;
import org.jasyncio.context.ContextVar;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_threads.py, plus runInExecutor's lazily created default executor. */
class ToThreadTest {

    /** Lib/test/test_asyncio/test_threads.py::ToThreadTests::test_to_thread */
    @Test
    void returnsTheResult() {
        assertEquals(42, InLoop.run(() -> AsyncIO.toThread(() -> 40 + 2)));
    }

    /** Lib/test/test_asyncio/test_threads.py::ToThreadTests::test_to_thread_exception */
    @Test
    void throwsTheException() {
        InLoop.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> AsyncIO.toThread(() -> {
                throw new IllegalStateException("test");
            }));
            assertEquals("test", e.getMessage());
            // a checked exception comes through as itself too
            assertThrows(IOException.class, () -> AsyncIO.<Void>toThread(() -> {
                throw new IOException("checked");
            }));
        });
    }

    /** Lib/test/test_asyncio/test_threads.py::ToThreadTests::test_to_thread_once */
    @Test
    void callsOnce() {
        AtomicInteger calls = new AtomicInteger();
        InLoop.run(() -> AsyncIO.toThread(calls::incrementAndGet));
        assertEquals(1, calls.get());
    }

    /** Lib/test/test_asyncio/test_threads.py::ToThreadTests::test_to_thread_concurrent */
    @Test
    void concurrent() {
        AtomicInteger calls = new AtomicInteger();
        InLoop.run(() -> {
            List<Task<Integer>> futs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futs.add(AsyncIO.createTask(() -> AsyncIO.toThread(calls::incrementAndGet)));
            }
            AsyncIO.gather(futs).await();
        });
        assertEquals(10, calls.get());
    }

    /** Lib/test/test_asyncio/test_threads.py::ToThreadTests::test_to_thread_contextvars */
    @Test
    void carriesTheContextOver() {
        ContextVar<String> testCtx = new ContextVar<>("test_ctx");
        InLoop.run(() -> {
            testCtx.set("parrot");
            assertEquals("parrot", AsyncIO.toThread(() -> testCtx.get()));
            // what the thread sets stays in the thread's copy
            AsyncIO.toThread(() -> testCtx.set("changed"));
            assertEquals("parrot", testCtx.get());
        });
    }

    /** The function runs on the default executor's platform threads, created on first use. */
    @Test
    void runsOnTheDefaultExecutor() {
        InLoop.run(() -> {
            Thread loopThread = Thread.currentThread();
            Thread worker = AsyncIO.toThread(Thread::currentThread);
            assertNotSame(loopThread, worker);
            assertFalse(worker.isVirtual());
            assertTrue(worker.getName().startsWith("jasyncio-default-executor-"), worker.getName());
            Thread again = AsyncIO.getRunningLoop().runInExecutor(null, Thread::currentThread).await();
            assertTrue(again.getName().startsWith("jasyncio-default-executor-"), again.getName());
        });
    }

    /** Outside a task toThread says what it needs. */
    @Test
    void outsideATask() {
        assertThrows(IllegalStateException.class, () -> AsyncIO.toThread(() -> 1));
    }
}
