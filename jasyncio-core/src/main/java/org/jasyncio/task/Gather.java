package org.jasyncio.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jasyncio.context.Context;
import org.jasyncio.loop.EventLoop;

/**
 * Running futures and tasks together and collecting their results in order: asyncio's
 * {@code gather}. {@code AsyncIO.gather} is the public entry point.
 *
 * <p>Without {@code returnExceptions} the first failure (or cancellation) of a child
 * completes the gathering future with it; the other children keep running. A child's
 * cancellation becomes the gathering future's <em>exception</em> (a
 * {@link CancelledException}): the gathering future itself is not {@code cancelled()},
 * as in asyncio. With it,
 * every child's outcome lands in the list: its result, its exception, or a
 * {@link CancelledException}. Cancelling the gathering future cancels every child that
 * is not done yet; the gathering future then ends cancelled too.
 */
public final class Gather {
    private Gather() {
    }

    /**
     * Gathers {@code futures} (the same future given twice counts once but appears twice
     * in the results).
     *
     * @return a future of the results in the order given; with {@code returnExceptions}
     *         the list holds each failure in place of a result
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Collection<? extends Future<?>> futures) {
        Objects.requireNonNull(futures, "futures");
        if (futures.isEmpty()) {
            Future<List<Object>> outer = RunningLoop.require().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        List<Future<?>> children = new ArrayList<>(futures.size());
        Map<Future<?>, Boolean> seen = new IdentityHashMap<>();
        List<Future<?>> unique = new ArrayList<>(futures.size());   // in the order given, as asyncio's dict
        EventLoop loop = null;
        for (Future<?> f : futures) {
            Objects.requireNonNull(f, "a future in futures is null");
            if (loop == null) {
                loop = f.getLoop();
            } else if (f.getLoop() != loop) {
                throw new IllegalArgumentException("gather() needs futures of one loop; " + f + " belongs to another");
            }
            if (seen.put(f, Boolean.TRUE) == null) {
                unique.add(f);
            }
            children.add(f);
        }
        GatheringFuture outer = new GatheringFuture(loop, children, unique.size(), returnExceptions);
        List<Future<?>> alreadyDone = new ArrayList<>();
        // One copy of the context for every child's callback: the callback sets nothing,
        // and a copy per child (what addDoneCallback makes by default) costs a lot at 100k.
        Context context = Context.copyCurrent();
        for (Future<?> f : unique) {
            if (f.done()) {
                alreadyDone.add(f);
            } else {
                Wait.addCallback(f, outer.onChildDone, context);
            }
        }
        for (Future<?> f : alreadyDone) {
            outer.childDone(f);
        }
        return outer;
    }

    /** The exception awaiting the cancelled future {@code f} throws (asyncio's {@code _make_cancelled_error}). */
    private static CancelledException cancellationOf(Future<?> f) {
        try {
            f.result();
        } catch (CancelledException c) {
            return c;
        }
        throw new IllegalStateException(f + " is not cancelled");
    }

    /** asyncio's {@code _GatheringFuture}: cancelling it cancels the children. */
    private static final class GatheringFuture extends Future<List<Object>> {
        private final List<Future<?>> children;
        private final int unique;
        private final boolean returnExceptions;
        private int finished;
        private boolean cancelRequested;
        final Consumer<Future<?>> onChildDone = this::childDone;

        GatheringFuture(EventLoop loop, List<Future<?>> children, int unique, boolean returnExceptions) {
            super(loop);
            this.children = children;
            this.unique = unique;
            this.returnExceptions = returnExceptions;
        }

        @Override
        public boolean cancel(String message) {
            if (done()) {
                return false;
            }
            boolean any = false;
            for (Future<?> child : children) {
                if (child.cancel(message)) {
                    any = true;
                }
            }
            if (any) {
                // Ends cancelled once the children have finished (see childDone).
                cancelRequested = true;
            }
            return any;
        }

        void childDone(Future<?> child) {
            finished++;
            if (done()) {
                if (!child.cancelled()) {
                    child.exception();   // mark it retrieved: the gathering future reported first
                }
                return;
            }
            if (!returnExceptions) {
                if (child.cancelled()) {
                    setException(cancellationOf(child));
                    return;
                }
                Throwable error = child.exception();
                if (error != null) {
                    setException(error);
                    return;
                }
            }
            if (finished == unique) {
                List<Object> results = new ArrayList<>(children.size());
                for (Future<?> f : children) {
                    if (f.cancelled()) {
                        String msg = cancellationOf(f).getMessage();
                        results.add(new CancelledException(msg == null ? "" : msg));
                    } else {
                        Throwable error = f.exception();
                        results.add(error != null ? error : f.result());
                    }
                }
                if (cancelRequested) {
                    setException(child.cancelled() ? cancellationOf(child) : new CancelledException());
                } else {
                    setResult(results);
                }
            }
        }
    }
}
