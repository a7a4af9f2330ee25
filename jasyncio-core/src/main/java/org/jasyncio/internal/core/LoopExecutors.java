package org.jasyncio.internal.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;

/**
 * A loop's executors: the default executor, created on first use as asyncio's, and the
 * bridge that runs work on an executor and completes a loop future with its outcome.
 *
 * <p>The default pool has {@code min(32, cpus + 4)} daemon platform threads (platform,
 * not virtual, because blocking native calls such as {@code getaddrinfo} and file reads
 * pin a virtual thread). Outcomes travel back with {@code callSoonThreadsafe}; work that
 * finishes after the loop closed has nobody to tell and is dropped.
 */
final class LoopExecutors {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");

    private final EventLoop loop;
    private ExecutorService executor;
    private boolean shutdownCalled;

    LoopExecutors(EventLoop loop) {
        this.loop = loop;
    }

    /** The default executor, created now if needed. */
    ExecutorService defaultExecutor() {
        if (shutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        if (executor == null) {
            executor = newPool();
        }
        return executor;
    }

    /** Replaces the default executor (asyncio's {@code set_default_executor}). */
    void setDefault(ExecutorService replacement) {
        executor = replacement;
    }

    /** asyncio's {@code run_in_executor}: cancelling the future cancels work not yet started. */
    <T> Future<T> run(Executor target, Callable<T> function) {
        Executor where = target != null ? target : defaultExecutor();
        Future<T> future = loop.createFuture();
        FutureTask<T> work = new FutureTask<>(function) {
            @Override
            protected void done() {
                deliver(future, this);
            }
        };
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                work.cancel(false);
            }
        });
        where.execute(work);
        return future;
    }

    private <T> void deliver(Future<T> future, FutureTask<T> work) {
        Runnable completion;
        try {
            T value = work.get();
            completion = () -> {
                if (!future.done()) {
                    future.setResult(value);
                }
            };
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            completion = () -> {
                if (!future.done()) {
                    future.setException(cause);
                }
            };
        } catch (InterruptedException | CancellationException e) {
            completion = () -> future.cancel();
        }
        post(completion);
    }

    /**
     * asyncio 3.12's {@code shutdown_default_executor}: shut down, join the threads on a
     * helper thread, and complete the returned future; warn after {@code timeout}.
     */
    Future<Void> shutdownDefault(Duration timeout) {
        Future<Void> done = loop.createFuture();
        shutdownCalled = true;
        ExecutorService pool = executor;
        if (pool == null) {
            done.setResult(null);
            return done;
        }
        Thread joiner = new Thread(() -> {
            pool.shutdown();
            boolean finished;
            try {
                finished = pool.awaitTermination(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                finished = false;
            }
            if (!finished) {
                LOG.log(System.Logger.Level.WARNING, "The executor did not finish joining its threads within "
                        + timeout.toMillis() / 1000.0 + " seconds.");
            }
            post(() -> {
                if (!done.done()) {
                    done.setResult(null);
                }
            });
        }, "jasyncio-executor-shutdown");
        joiner.setDaemon(true);
        joiner.start();
        return done;
    }

    /** Shuts the default executor down without waiting (loop close). */
    void shutdownNow() {
        shutdownCalled = true;
        if (executor != null) {
            executor.shutdown();
        }
    }

    private void post(Runnable completion) {
        try {
            loop.callSoonThreadsafe(completion);
        } catch (IllegalStateException closed) {
            // The loop closed while the work ran: nobody can receive the result.
        }
    }

    private static ExecutorService newPool() {
        int max = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "jasyncio-default-executor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
