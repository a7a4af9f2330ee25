package org.jasyncio.internal.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's default executor, created on first use like asyncio's: a pool of
 * {@code min(32, cpus + 4)} daemon platform threads (platform, not virtual, because
 * blocking native calls such as {@code getaddrinfo} and file reads pin a virtual thread).
 */
final class DefaultExecutor {
    private ExecutorService executor;
    private boolean shutdownCalled;

    /** The executor, created now if needed. */
    ExecutorService get() {
        if (shutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        if (executor == null) {
            executor = newPool();
        }
        return executor;
    }

    /** Replaces the executor (asyncio's {@code set_default_executor}). */
    void set(ExecutorService replacement) {
        executor = replacement;
    }

    /** Marks shutdown called and returns the executor to shut down, or {@code null}. */
    ExecutorService beginShutdown() {
        shutdownCalled = true;
        return executor;
    }

    /** Shuts the executor down without waiting (loop close). */
    void shutdownNow() {
        shutdownCalled = true;
        if (executor != null) {
            executor.shutdown();
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
