package org.jasyncio.task;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TimerHandle;

/**
 * The given futures in the order they finish: asyncio 3.13's {@code as_completed} as an
 * {@code async for} iterator.
 *
 * <pre>{@code
 * for (Task<Conn> first : AsyncIO.asCompleted(List.of(ipv4, ipv6), Duration.ofSeconds(5))) {
 *     Conn c = first.result();        // done: result() does not wait
 * }
 * }</pre>
 *
 * <p>{@link #next()} waits (inside a task) for the next future to finish and returns that
 * future itself, so results can be matched to what was started. When {@code timeout}
 * passes before all are done, {@code next()} throws {@link TimeoutException} for each one
 * left. The same future given twice is yielded once.
 *
 * <p>Threading: loop-confined; iterate inside a task of the futures' loop.
 *
 * @param <F> the kind of future given
 */
public final class AsCompleted<F extends Future<?>> implements Iterable<F>, Iterator<F> {
    /** Completed futures not yet handed out; {@code null} entries mark the timeout. */
    private final ArrayDeque<F> done = new ArrayDeque<>();
    private final Set<F> todo;
    private final EventLoop loop;
    private final Consumer<Future<?>> onCompletion = this::handleCompletion;
    private TimerHandle timeoutHandle;
    private Future<Void> waiter;
    private int left;
    private boolean timedOut;

    /**
     * Starts watching {@code futures}; {@code timeout} {@code null} for no limit.
     * {@code AsyncIO.asCompleted} is the usual way.
     */
    public AsCompleted(Collection<F> futures, Duration timeout) {
        Objects.requireNonNull(futures, "futures");
        this.todo = new LinkedHashSet<>(futures);
        EventLoop l = null;
        for (F f : todo) {
            Objects.requireNonNull(f, "a future in futures is null");
            l = f.getLoop();
        }
        this.loop = l != null ? l : RunningLoop.require();
        for (F f : todo) {
            Wait.addCallback(f, onCompletion);
        }
        if (!todo.isEmpty() && timeout != null) {
            timeoutHandle = loop.callLater(timeout, this::handleTimeout);
        }
        this.left = todo.size();
    }

    @Override
    public Iterator<F> iterator() {
        return this;
    }

    /** Whether a future (or a timeout) is still to be handed out; does not wait. */
    @Override
    public boolean hasNext() {
        return left > 0;
    }

    /**
     * Waits for the next future to finish and returns it.
     *
     * @throws TimeoutException when the timeout passed first
     * @throws NoSuchElementException when every future was handed out
     */
    @Override
    public F next() {
        if (left == 0) {
            throw new NoSuchElementException("every future was handed out");
        }
        left--;
        while (done.isEmpty() && !timedOut) {
            waiter = loop.createFuture();
            try {
                waiter.await();
            } finally {
                waiter = null;
            }
        }
        if (done.isEmpty()) {
            throw new TimeoutException("asCompleted: the timeout passed before every future was done");
        }
        return done.pollFirst();
    }

    private void handleTimeout() {
        for (F f : todo) {
            Wait.removeCallback(f, onCompletion);
        }
        todo.clear();
        timedOut = true;
        wake();
    }

    @SuppressWarnings("unchecked")
    private void handleCompletion(Future<?> f) {
        if (!todo.remove(f)) {
            return;   // the timeout came first
        }
        done.addLast((F) f);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
        wake();
    }

    private void wake() {
        Future<Void> w = waiter;
        if (w != null && !w.done()) {
            w.setResult(null);
        }
    }
}
