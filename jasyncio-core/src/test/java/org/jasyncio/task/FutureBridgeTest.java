package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bridges to java.util.concurrent: Future.toCompletableFuture and AsyncIO.wrapFuture (CPython's wrap_future tests). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FutureBridgeTest {
    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        executor.shutdownNow();
        fixture.close();
        fixture.assertNoErrors();
    }

    /** The CompletableFuture completes with the result, on the loop, and any thread can wait for it. */
    @Test
    void toCompletableFutureCarriesTheResult() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        assertFalse(cf.isDone());
        loop.callSoon(() -> f.setResult("value"));
        fixture.runBriefly();
        assertEquals("value", executor.submit(() -> cf.get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS));
    }

    /** The exception arrives as the CompletableFuture's cause, unwrapped. */
    @Test
    void toCompletableFutureCarriesTheException() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        IOException io = new IOException("gone");
        f.setException(io);
        fixture.runBriefly();
        ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(1, TimeUnit.SECONDS));
        assertSame(io, e.getCause());
    }

    /** Cancelling the future cancels the CompletableFuture. */
    @Test
    void cancellingTheFutureCancelsTheCompletableFuture() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        f.cancel("stop");
        fixture.runBriefly();
        assertTrue(cf.isCancelled());
    }

    /** Cancelling the CompletableFuture from another thread cancels the future on its loop. */
    @Test
    void cancellingTheCompletableFutureCancelsTheFuture() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        executor.submit(() -> {
            Thread.sleep(20);
            return cf.cancel(true);
        });
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(f));
        assertTrue(f.cancelled());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_wrap_future */
    @Test
    void wrapFutureDeliversTheResultOfAnotherThread() {
        CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), executor);
        Future<String> f = AsyncIO.wrapFuture(cf, loop);
        assertSame(loop, f.getLoop());
        String ranOn = loop.runUntilComplete(f);
        assertNotEquals(Thread.currentThread().getName(), ranOn);
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_wrap_future_use_running_loop */
    @Test
    void wrapFutureUsesTheRunningLoop() {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        int r = loop.runUntilComplete(() -> {
            Future<Integer> f = AsyncIO.wrapFuture(cf);
            assertSame(loop, f.getLoop());
            executor.submit(() -> cf.complete(7));
            return f.await();
        });
        assertEquals(7, r);
        assertThrows(IllegalStateException.class, () -> AsyncIO.wrapFuture(cf), "no running loop here");
    }

    /** A failed stage becomes the future's exception, unwrapped from CompletionException. */
    @Test
    void wrapFutureUnwrapsTheFailure() {
        IOException io = new IOException("gone");
        CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> "x", executor)
                .thenApply(x -> {
                    throw new java.util.concurrent.CompletionException(io);
                });
        Future<String> f = AsyncIO.wrapFuture(failed, loop);
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(f));
        assertSame(io, thrown);
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_wrap_future_cancel */
    @Test
    void cancellingTheWrapperCancelsTheCompletableFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = AsyncIO.wrapFuture(cf, loop);
        f.cancel();
        fixture.runBriefly();
        assertTrue(cf.isCancelled());
        assertTrue(f.cancelled());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureTests::test_wrap_future_cancel2 */
    @Test
    void cancellingTheWrapperAfterTheSourceCompletedLeavesTheSourceAlone() throws Exception {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Future<Integer> f = AsyncIO.wrapFuture(cf, loop);
        cf.complete(42);
        f.cancel();
        fixture.runBriefly();
        assertFalse(cf.isCancelled());
        assertEquals(42, cf.get());
        assertTrue(f.cancelled());
    }

    /** A CompletableFuture cancelled elsewhere cancels the wrapper. */
    @Test
    void aCancelledSourceCancelsTheWrapper() {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Future<Integer> f = AsyncIO.wrapFuture(cf, loop);
        executor.submit(() -> cf.cancel(false));
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(f));
        assertThrows(CancellationException.class, cf::join);
    }

    /** A task awaits a wrapped future completed later by another thread, without blocking the loop. */
    @Test
    void aTaskAwaitsAWrappedFutureWhileOtherCallbacksRun() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        int[] ticks = {0};
        Task<String> t = loop.createTask(() -> AsyncIO.wrapFuture(cf).await());
        loop.createTask(() -> {
            while (!t.done()) {
                ticks[0]++;
                if (ticks[0] == 3) {
                    executor.submit(() -> cf.complete("late"));
                }
                AsyncIO.sleep(Duration.ofMillis(1));
            }
            return null;
        });
        assertEquals("late", loop.runUntilComplete(t));
        assertTrue(ticks[0] >= 3);
    }
}
