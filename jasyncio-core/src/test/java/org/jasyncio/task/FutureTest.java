package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Future states and awaiting: CPython's test_futures (BaseFutureTests) and the await checks of test_tasks. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FutureTest {
    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;

    @AfterEach
    void close() {
        fixture.close();
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_initial_state */
    @Test
    void aNewFutureIsPending() {
        Future<Object> f = loop.createFuture();
        assertFalse(f.cancelled());
        assertFalse(f.done());
        assertSame(loop, f.getLoop());
        f.cancel();
        assertTrue(f.cancelled());
        assertTrue(f.done());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_constructor_positional */
    @Test
    void theConstructorNeedsALoop() {
        assertThrows(NullPointerException.class, () -> new Future<>(null));
        Future<String> f = new Future<>(loop);
        assertSame(loop, f.getLoop());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_cancel */
    @Test
    void aCancelledFutureRefusesEverything() {
        Future<Object> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertThrows(CancelledException.class, f::result);
        assertThrows(CancelledException.class, f::exception);
        assertThrows(InvalidStateException.class, () -> f.setResult(null));
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_result */
    @Test
    void aResultIsKept() {
        Future<Integer> f = loop.createFuture();
        InvalidStateException notReady = assertThrows(InvalidStateException.class, f::result);
        assertFalse(notReady.getMessage().isEmpty());
        f.setResult(42);
        assertFalse(f.cancelled());
        assertTrue(f.done());
        assertEquals(42, f.result());
        assertNull(f.exception());
        InvalidStateException again = assertThrows(InvalidStateException.class, () -> f.setResult(null));
        assertTrue(again.getMessage().startsWith("FINISHED: <Future finished result=42>"), again.getMessage());
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_exception */
    @Test
    void anExceptionIsKeptAndRethrownAsItself() {
        RuntimeException exc = new RuntimeException("boom");
        Future<Integer> f = loop.createFuture();
        assertThrows(InvalidStateException.class, f::exception);
        assertThrows(NullPointerException.class, () -> f.setException(null));
        f.setException(exc);
        assertFalse(f.cancelled());
        assertTrue(f.done());
        assertSame(exc, assertThrows(RuntimeException.class, f::result));
        assertSame(exc, f.exception());
        assertThrows(InvalidStateException.class, () -> f.setResult(null));
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    /** A checked exception comes out of result() unwrapped, as in asyncio. */
    @Test
    void aCheckedExceptionIsRethrownUnwrapped() {
        IOException io = new IOException("closed");
        Future<Integer> f = loop.createFuture();
        f.setException(io);
        Exception thrown = assertThrows(Exception.class, f::result);
        assertSame(io, thrown);
    }

    /**
     * Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_future_cancel_message_getter:
     * the message given to cancel() is the message of every CancelledException the future
     * throws (checked against CPython 3.11/3.12: result() twice and exception() all say 'why').
     */
    @Test
    void theCancelMessageIsCarried() {
        Future<Object> f = loop.createFuture();
        f.cancel("why");
        assertEquals("why", assertThrows(CancelledException.class, f::result).getMessage());
        assertEquals("why", assertThrows(CancelledException.class, f::result).getMessage());
        assertEquals("why", assertThrows(CancelledException.class, f::exception).getMessage());
        CancelledException awaited = assertThrows(CancelledException.class, () -> loop.runUntilComplete(f));
        assertEquals("why", awaited.getMessage());
        Future<Object> plain = loop.createFuture();
        plain.cancel();
        assertNull(assertThrows(CancelledException.class, plain::result).getMessage());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_future_repr */
    @Test
    void toStringShowsTheState() {
        Future<Integer> pending = loop.createFuture();
        assertEquals("<Future pending>", pending.toString());
        pending.addDoneCallback(f -> { });
        assertEquals("<Future pending cb=[1 callback]>", pending.toString());
        pending.addDoneCallback(f -> { });
        assertEquals("<Future pending cb=[2 callbacks]>", pending.toString());
        Future<Integer> cancelled = loop.createFuture();
        cancelled.cancel();
        assertEquals("<Future cancelled>", cancelled.toString());
        Future<Integer> result = loop.createFuture();
        result.setResult(4);
        assertEquals("<Future finished result=4>", result.toString());
        Future<Integer> failed = loop.createFuture();
        failed.setException(new IllegalStateException("bad"));
        assertEquals("<Future finished exception=java.lang.IllegalStateException: bad>", failed.toString());
        failed.exception();
        pending.cancel();
        fixture.runOnce();
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_yield_from_twice */
    @Test
    void awaitingADoneFutureAgainGivesTheSameResultWithoutSuspending() {
        Future<Integer> f = loop.createFuture();
        List<String> log = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> {
            log.add("A");
            int x = f.await();
            log.add("B " + x);
            loop.callSoon(() -> log.add("callback"));
            int y = f.await(); // done: does not give the loop a turn
            log.add("C " + y);
            return x + y;
        });
        loop.callSoon(() -> f.setResult(42));
        assertEquals(84, loop.runUntilComplete(t));
        // "callback" after "C 42": the second await did not give the loop a turn.
        assertEquals(List.of("A", "B 42", "C 42", "callback"), log);
    }

    /** Awaiting outside a task is refused with a message that says what to do. */
    @Test
    void awaitOutsideATaskIsAClearIllegalStateException() {
        Future<Integer> f = loop.createFuture();
        IllegalStateException fromTestThread = assertThrows(IllegalStateException.class, f::await);
        assertTrue(fromTestThread.getMessage().contains("must be called inside a task"), fromTestThread.getMessage());
        assertTrue(fromTestThread.getMessage().contains("addDoneCallback"), fromTestThread.getMessage());
        AtomicReference<Throwable> fromCallback = new AtomicReference<>();
        loop.callSoon(() -> {
            try {
                f.await();
            } catch (IllegalStateException e) {
                fromCallback.set(e);
            }
        });
        fixture.runOnce();
        assertTrue(fromCallback.get().getMessage().contains("must be called inside a task"));
        assertThrows(IllegalStateException.class, () -> AsyncIO.sleep(0));
        assertFalse(f.done());
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_other_loop_future */
    @Test
    void awaitingAFutureOfAnotherLoopIsRefused() {
        try (LoopFixture other = new LoopFixture()) {
            Future<Integer> foreign = other.loop.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(() -> foreign.await()));
            assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
            assertFalse(foreign.done());
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_task_awaits_on_itself */
    @Test
    void aTaskAwaitingItselfIsRefused() {
        Task<Object> t = loop.createTask(() -> Task.current().await());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().startsWith("Task cannot await on itself"), e.getMessage());
    }
}
