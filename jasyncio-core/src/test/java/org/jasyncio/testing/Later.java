package org.jasyncio.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action on another thread a little after a latch opens: the way tests poke a
 * loop (or backend) that is about to block. {@link #join()} waits for it, bounded.
 */
public final class Later {
    private final CountDownLatch go = new CountDownLatch(1);
    private final Thread thread;

    private Later(long delayMillis, Runnable action) {
        this.thread = Thread.ofPlatform().name("jasyncio-test-later").start(() -> {
            try {
                go.await(10, TimeUnit.SECONDS);
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            action.run();
        });
    }

    /** Starts a thread that runs {@code action} {@code delayMillis} after {@link #go()}. */
    public static Later after(long delayMillis, Runnable action) {
        return new Later(delayMillis, action);
    }

    /** Opens the latch: call it from the thread that is about to block (e.g. from a loop callback). */
    public void go() {
        go.countDown();
    }

    public void join() throws InterruptedException {
        thread.join(10_000);
    }
}
