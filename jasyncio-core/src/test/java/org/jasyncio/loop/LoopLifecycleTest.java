package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Running, stopping and closing a loop: the lifecycle parts of CPython's test_base_events
 * and test_events, checked against CPython 3.11/3.12 where the order or message matters.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopLifecycleTest {
    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;
    private final List<Object> log = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_run_until_complete */
    @Test
    void runUntilCompleteReturnsTheResult() {
        Future<String> f = loop.createFuture();
        loop.callLater(Duration.ofMillis(10), () -> f.setResult("done"));
        assertEquals("done", loop.runUntilComplete(f));
        assertFalse(loop.isRunning());
        assertEquals(42, loop.runUntilComplete(() -> 42));
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_run_until_complete_baseexception */
    @Test
    void runUntilCompleteThrowsTheFuturesException() {
        Future<String> f = loop.createFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        loop.callSoon(() -> f.setException(boom));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
        assertTrue(thrown == boom);
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_run_until_complete_stopped;
     * message checked against CPython 3.11/3.12.
     */
    @Test
    void runUntilCompleteStoppedEarlySaysSo() {
        Future<String> f = loop.createFuture();
        loop.callSoon(loop::stop);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        assertFalse(f.done());
        // The future keeps no stale stop callback: completing it later does not stop a new run early.
        loop.callSoon(() -> f.setResult("late"));
        loop.callLater(Duration.ofMillis(20), loop::stop);
        loop.callLater(Duration.ofMillis(10), () -> log.add("still running"));
        loop.runForever();
        assertEquals(List.of("still running"), log);
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_stop_while_run_in_complete */
    @Test
    void stopInsideATaskEndsRunUntilComplete() {
        int[] x = {0};
        Task<Void> t = loop.createTask(Coroutine.of(() -> {
            while (x[0] < 10) {
                AsyncIO.sleep(Duration.ofMillis(1));
                x[0]++;
                if (x[0] == 2) {
                    AsyncIO.getRunningLoop().stop();
                }
            }
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        assertFalse(t.done());
        assertEquals(2, x[0]);
        t.cancel();
        assertThrows(org.jasyncio.task.CancelledException.class, () -> loop.runUntilComplete(t));
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_run_until_complete_loop */
    @Test
    void runUntilCompleteRefusesAFutureOfAnotherLoop() {
        try (LoopFixture other = new LoopFixture()) {
            Future<Object> foreign = other.loop.createFuture();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(foreign));
            assertTrue(e.getMessage().contains("different loop"), e.getMessage());
        }
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_run_until_complete_nesting */
    @Test
    void runUntilCompleteInsideATaskOfTheSameLoopIsRefused() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            try {
                loop.runUntilComplete(Coroutine.of(() -> log.add("nested ran")));
            } catch (IllegalStateException e) {
                seen.set(e);
            }
        }));
        fixture.runBriefly();
        assertEquals("This event loop is already running", seen.get().getMessage());
        // Refused before a task was made: the nested coroutine never runs (as in asyncio).
        assertEquals(List.of(), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_run_forever_keyboard_interrupt (re-entrance part) */
    @Test
    void runForeverInsideACallbackIsRefused() {
        loop.callSoon(() -> {
            try {
                loop.runForever();
            } catch (IllegalStateException e) {
                log.add(e.getMessage());
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("This event loop is already running"), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::RunningLoopTests::test_running_loop_within_a_loop */
    @Test
    void anotherLoopCannotRunInsideARunningOne() {
        try (LoopFixture other = new LoopFixture()) {
            AtomicReference<Throwable> fromCallback = new AtomicReference<>();
            AtomicReference<Throwable> fromTask = new AtomicReference<>();
            loop.callSoon(() -> {
                try {
                    other.loop.runForever();
                } catch (IllegalStateException e) {
                    fromCallback.set(e);
                }
            });
            loop.runUntilComplete(Coroutine.of(() -> {
                try {
                    other.loop.runUntilComplete(Coroutine.of(() -> { }));
                } catch (IllegalStateException e) {
                    fromTask.set(e);
                }
            }));
            assertEquals("Cannot run the event loop while another loop is running", fromCallback.get().getMessage());
            assertEquals("Cannot run the event loop while another loop is running", fromTask.get().getMessage());
            assertFalse(other.loop.isRunning());
            assertEquals(0, AsyncIO.allTasks(other.loop).size());
        }
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_run_forever_pre_stopped:
     * stop() before run_forever() runs exactly one iteration. Checked against CPython
     * 3.11/3.12 (first run logs cb1, the second cb2).
     */
    @Test
    void stopBeforeRunForeverRunsOneIteration() {
        loop.callSoon(() -> {
            log.add("cb1");
            loop.callSoon(() -> log.add("cb2"));
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("cb1"), log);
        fixture.runOnce();
        assertEquals(List.of("cb1", "cb2"), log);
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_single_selecter_event_callback_after_stopping:
     * stop() inside a callback lets the rest of the iteration run. Checked against CPython 3.11/3.12.
     */
    @Test
    void stopInsideACallbackFinishesTheIteration() {
        loop.callSoon(() -> log.add("a"));
        loop.callSoon(loop::stop);
        loop.callSoon(() -> log.add("b"));
        loop.callSoon(() -> loop.callSoon(() -> log.add("next-iter")));
        loop.runForever();
        assertEquals(List.of("a", "b"), log);
        fixture.runOnce();
        assertEquals(List.of("a", "b", "next-iter"), log);
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_close and test_events.py::test_close */
    @Test
    void closeIsIdempotentAndTheClosedLoopRefusesWork() {
        Future<Object> pending = loop.createFuture();
        loop.callSoon(() -> log.add("never"));
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        EventLoopClosedException e = assertThrows(EventLoopClosedException.class, () -> loop.callSoon(() -> { }));
        assertEquals("Event loop is closed", e.getMessage());
        assertThrows(EventLoopClosedException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(EventLoopClosedException.class, () -> loop.callLater(Duration.ZERO, () -> { }));
        assertThrows(EventLoopClosedException.class, () -> loop.callAt(0, () -> { }));
        assertThrows(EventLoopClosedException.class, loop::runForever);
        assertThrows(EventLoopClosedException.class, () -> loop.runUntilComplete(pending));
        assertThrows(EventLoopClosedException.class, () -> loop.runUntilComplete(() -> 1));
        assertThrows(EventLoopClosedException.class, loop::createFuture);
        assertThrows(EventLoopClosedException.class, () -> loop.createTask(() -> 1));
        assertThrows(EventLoopClosedException.class, () -> loop.runInExecutor(null, () -> 1));
        assertThrows(EventLoopClosedException.class, loop::shutdownDefaultExecutor);
        assertTrue(log.isEmpty());
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_close_running_event_loop */
    @Test
    void aRunningLoopCannotBeClosed() {
        loop.callSoon(() -> {
            try {
                loop.close();
            } catch (IllegalStateException e) {
                log.add(e.getMessage());
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("Cannot close a running event loop"), log);
        assertFalse(loop.isClosed());
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_call_soon_threadsafe */
    @Test
    void callSoonThreadsafeFromAnotherThreadWakesALoopBlockedForever() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        loop.callSoon(started::countDown);
        Thread other = Thread.ofPlatform().name("producer").start(() -> {
            try {
                started.await(10, TimeUnit.SECONDS);
                Thread.sleep(50); // let the loop block in its poll with nothing scheduled
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(() -> log.add(1));
            loop.callSoonThreadsafe(() -> log.add(2));
            loop.callSoonThreadsafe(loop::stop);
        });
        loop.runForever();
        other.join(10_000);
        assertEquals(List.of(1, 2), log);
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_call_soon_threadsafe_same_thread */
    @Test
    void callSoonThreadsafeFromTheLoopThreadKeepsFifoOrder() {
        loop.callSoon(() -> {
            loop.callSoonThreadsafe(() -> log.add("threadsafe"));
            loop.callSoon(() -> log.add("soon"));
        });
        fixture.runOnce();
        fixture.runOnce();
        assertEquals(List.of("threadsafe", "soon"), log);
    }

    /** stop() is thread-safe: it wakes a loop blocked with nothing to do. */
    @Test
    void stopFromAnotherThreadWakesTheLoop() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        loop.callSoon(started::countDown);
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                started.await(10, TimeUnit.SECONDS);
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            loop.stop();
        });
        loop.runForever();
        other.join(10_000);
        assertFalse(loop.isRunning());
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_check_thread:
     * loop-confined calls from a foreign thread while the loop runs are refused with a
     * message that names the thread-safe alternative (asyncio checks only in debug mode;
     * jasyncio always does).
     */
    @Test
    void nonThreadsafeCallsFromAForeignThreadAreRejectedWhileTheLoopRuns() throws Exception {
        Future<String> future = loop.createFuture();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        Thread foreign = Thread.ofPlatform().name("foreign").start(() -> {
            try {
                running.await(10, TimeUnit.SECONDS);
                List<Runnable> attempts = List.of(
                        () -> loop.callSoon(() -> { }),
                        () -> loop.callLater(Duration.ZERO, () -> { }),
                        () -> loop.callAt(0, () -> { }),
                        () -> loop.createTask(() -> 1),
                        loop::allTasks,
                        () -> loop.runInExecutor(null, () -> 1),
                        () -> future.setResult("x"),
                        () -> future.addDoneCallback(f -> { }),
                        () -> future.cancel());
                for (Runnable attempt : attempts) {
                    try {
                        attempt.run();
                        errors.add(new AssertionError("accepted from a foreign thread"));
                    } catch (IllegalStateException expected) {
                        errors.add(expected);
                    }
                }
                // The thread-safe ways in still work.
                loop.callSoonThreadsafe(() -> log.add("threadsafe ok"));
            } catch (InterruptedException e) {
                errors.add(e);
            } finally {
                loop.callSoonThreadsafe(loop::stop);
            }
        });
        loop.runForever();
        foreign.join(10_000);
        assertEquals(9, errors.size(), errors.toString());
        for (Throwable t : errors) {
            assertInstanceOf(IllegalStateException.class, t, String.valueOf(t));
            assertTrue(t.getMessage().contains("not thread-safe") && t.getMessage().contains("foreign")
                    && t.getMessage().contains("callSoonThreadsafe"), t.getMessage());
        }
        assertFalse(future.done());
        assertEquals(List.of("threadsafe ok"), log);
    }

    /** Before the loop runs, the thread that owns it (any thread) may schedule freely. */
    @Test
    void anyThreadMaySetUpALoopThatIsNotRunning() throws Exception {
        Thread setup = Thread.ofPlatform().start(() -> loop.callSoon(() -> log.add("from setup thread")));
        setup.join(10_000);
        fixture.runOnce();
        assertEquals(List.of("from setup thread"), log);
        assertNull(AsyncIO.runningLoopOrNull());
    }
}
