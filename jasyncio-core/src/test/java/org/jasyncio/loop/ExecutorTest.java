package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Future;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** runInExecutor and the default executor, from CPython's test_base_events and test_events. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorTest {
    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;
    private ExecutorService own;

    @AfterEach
    void close() {
        fixture.close();
        if (own != null) {
            own.shutdownNow();
        }
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_run_in_executor */
    @Test
    void theResultComesBackOnTheLoop() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Future<String> f = loop.runInExecutor(null, () -> {
            ranOn.set(Thread.currentThread());
            return "hello";
        });
        assertSame(loop, f.getLoop());
        assertEquals("hello", loop.runUntilComplete(f));
        assertNotSame(Thread.currentThread(), ranOn.get());
        assertFalse(ranOn.get().isVirtual(), "the default executor uses platform threads");
        assertTrue(ranOn.get().getName().startsWith("jasyncio-default-executor"), ranOn.get().getName());
    }

    /** The function's exception, checked or not, becomes the future's exception. */
    @Test
    void theExceptionComesBackAsIs() {
        IOException io = new IOException("disk on fire");
        Future<Object> f = loop.runInExecutor(null, () -> {
            throw io;
        });
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(f));
        assertSame(io, thrown);
        assertSame(io, f.exception());
    }

    /** Awaiting the executor from a task parks the task, not the loop. */
    @Test
    void aTaskAwaitsTheExecutor() {
        int r = loop.runUntilComplete(() -> loop.runInExecutor(null, () -> 20).await() + 22);
        assertEquals(42, r);
    }

    /**
     * Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_run_in_executor_cancel:
     * cancelling the future of work that has not started keeps it from starting.
     */
    @Test
    void cancellingTheFutureCancelsWorkNotYetStarted() throws Exception {
        own = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocker = loop.runInExecutor(own, () -> {
            release.await(30, TimeUnit.SECONDS);
            return "blocker";
        });
        AtomicBoolean secondRan = new AtomicBoolean();
        Future<String> second = loop.runInExecutor(own, () -> {
            secondRan.set(true);
            return "second";
        });
        assertTrue(second.cancel());
        loop.callLater(Duration.ofMillis(10), release::countDown);
        assertEquals("blocker", loop.runUntilComplete(blocker));
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(second));
        // The queued work was cancelled, not run: the single worker is free and idle.
        assertEquals("after", loop.runUntilComplete(loop.runInExecutor(own, () -> "after")));
        assertFalse(secondRan.get());
    }

    /** Cancelling a task that awaits the executor cancels the executor's future. */
    @Test
    void cancellingTheAwaitingTaskCancelsTheFuture() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Future<String>> work = new AtomicReference<>();
        var task = loop.createTask(() -> {
            work.set(loop.runInExecutor(null, () -> {
                release.await(30, TimeUnit.SECONDS);
                return "late";
            }));
            return work.get().await();
        });
        loop.callLater(Duration.ofMillis(20), task::cancel);
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertTrue(work.get().cancelled());
        release.countDown();
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_set_default_executor */
    @Test
    void aReplacedDefaultExecutorIsUsed() {
        AtomicReference<String> threadName = new AtomicReference<>();
        own = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-executor"));
        loop.setDefaultExecutor(own);
        loop.runUntilComplete(loop.runInExecutor(null, () -> {
            threadName.set(Thread.currentThread().getName());
            return null;
        }));
        assertEquals("my-executor", threadName.get());
        assertThrows(NullPointerException.class, () -> loop.setDefaultExecutor(null));
    }

    /**
     * Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_run_in_executor_cancel
     * (its shutdown_default_executor part): shutting down waits for running work, and
     * the default executor refuses work afterwards.
     */
    @Test
    void shutdownDefaultExecutorWaitsForRunningWorkThenRefusesMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Future<Object> running = loop.runInExecutor(null, () -> {
            started.countDown();
            Thread.sleep(100);
            finished.set(true);
            return null;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Future<Void> shutdown = loop.shutdownDefaultExecutor();
        loop.runUntilComplete(shutdown);
        assertTrue(finished.get(), "shutdown completed before the running work finished");
        loop.runUntilComplete(running);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runInExecutor(null, () -> 1));
        assertEquals("Executor shutdown has been called", e.getMessage());
        // An explicit executor still works.
        own = Executors.newSingleThreadExecutor();
        assertEquals(1, loop.runUntilComplete(loop.runInExecutor(own, () -> 1)));
    }

    /** With no default executor created yet, shutting it down completes at once. */
    @Test
    void shutdownWithoutADefaultExecutorIsImmediate() {
        Future<Void> shutdown = loop.shutdownDefaultExecutor();
        assertTrue(shutdown.done());
        loop.runUntilComplete(shutdown);
    }

    /** The shutdown gives up after its timeout (with a warning) instead of hanging. */
    @Test
    void shutdownDefaultExecutorGivesUpAfterItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        loop.runInExecutor(null, () -> {
            started.countDown();
            return release.await(30, TimeUnit.SECONDS);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        try (var logs = new org.jasyncio.testing.LogCapture()) {
            loop.runUntilComplete(loop.shutdownDefaultExecutor(Duration.ofMillis(50)));
            assertTrue(logs.messages(java.util.logging.Level.WARNING).stream()
                    .anyMatch(m -> m.contains("did not finish joining its threads")), logs.messages(
                            java.util.logging.Level.ALL).toString());
        } finally {
            release.countDown();
        }
    }
}
