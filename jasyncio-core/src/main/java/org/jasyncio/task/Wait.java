package org.jasyncio.task;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jasyncio.context.Context;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TimerHandle;

/**
 * Waiting for futures from inside a task: asyncio's {@code wait} and {@code wait_for}.
 * {@code AsyncIO.wait} and {@code AsyncIO.waitFor} are the public entry points.
 */
public final class Wait {
    private Wait() {
    }

    /**
     * Waits until {@code returnWhen} holds for {@code futures} or {@code timeout} passes
     * ({@code null}: no limit) and returns which are done. Never throws
     * {@link TimeoutException}: what is not done is in {@link WaitResult#pending()}.
     * Cancelling the waiting task does not cancel the futures.
     *
     * @throws IllegalArgumentException when {@code futures} is empty
     */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<F> futures, Duration timeout,
            ReturnWhen returnWhen) {
        Objects.requireNonNull(futures, "futures");
        Objects.requireNonNull(returnWhen, "returnWhen");
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        Set<F> fs = new LinkedHashSet<>(futures);
        for (F f : fs) {
            Objects.requireNonNull(f, "a future in futures is null");
        }
        EventLoop loop = Task.requireCurrent("wait()").getLoop();
        Future<Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = timeout == null ? null : loop.callLater(timeout, () -> release(waiter));
        int[] counter = {fs.size()};
        Consumer<Future<?>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                release(waiter);
            }
        };
        for (F f : fs) {
            addCallback(f, onCompletion);
        }
        try {
            waiter.await();
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (F f : fs) {
                removeCallback(f, onCompletion);
            }
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> pending = new LinkedHashSet<>();
        for (F f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    /**
     * Waits for {@code future} at most {@code timeout} ({@code null}: no limit) and returns
     * its result: asyncio 3.12's {@code wait_for}, built on {@link Timeout}. When the time
     * is up the future is cancelled and, once it has finished, {@link TimeoutException}
     * thrown. If it ignores the cancellation and returns a value, that value is returned.
     * Cancelling the waiting task cancels the future too; {@code AsyncIO.shield} prevents both.
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            if (future.done()) {
                return future.result();
            }
            cancelAndWait(future);
            try {
                return future.result();
            } catch (CancelledException cancelled) {
                throw new TimeoutException("waitFor: no time left (" + timeout + ")", cancelled);
            }
        }
        return Timeout.after(timeout).run(future::await);
    }

    /** Cancels {@code future} and waits until it is done, itself staying cancellable. */
    static void cancelAndWait(Future<?> future) {
        EventLoop loop = Task.requireCurrent("waitFor()").getLoop();
        Future<Void> waiter = loop.createFuture();
        Consumer<Future<?>> cb = f -> release(waiter);
        addCallback(future, cb);
        try {
            future.cancel();
            // Not future.await(): cancelling this task must not cancel the future twice.
            waiter.await();
        } finally {
            removeCallback(future, cb);
        }
    }

    private static void release(Future<Void> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    /** Adds a callback that takes any future: Java cannot say {@code Consumer<? super Future<T>>} for a wildcard. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void addCallback(Future<?> f, Consumer<? super Future<?>> cb) {
        ((Future) f).addDoneCallback(cb);
    }

    /** {@link #addCallback(Future, Consumer)} in {@code context}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void addCallback(Future<?> f, Consumer<? super Future<?>> cb, Context context) {
        ((Future) f).addDoneCallback(cb, context);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void removeCallback(Future<?> f, Consumer<? super Future<?>> cb) {
        ((Future) f).removeDoneCallback(cb);
    }
}
