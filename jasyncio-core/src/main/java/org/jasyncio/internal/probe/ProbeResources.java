package org.jasyncio.internal.probe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.Future;

/**
 * What one probe opened, closed in reverse order when the probe ends (success, refusal,
 * failure or time-out), and the waits every probe needs. Owned by the probe's thread.
 */
final class ProbeResources implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Duration waitLimit;

    ProbeResources(Duration waitLimit) {
        this.waitLimit = waitLimit;
    }

    /** Closes {@code resource} when the probe ends; returns it. */
    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes the raw descriptor {@code fd} when the probe ends; returns it. */
    int fd(int fd) {
        opened.push(() -> Libc.close(fd));
        return fd;
    }

    /**
     * Runs {@code loop} until {@code fired} completes or the wait limit passes, and returns
     * the milliseconds it took; a wait that runs out fails the probe (the operation was
     * accepted but did not do its job).
     */
    double await(EventLoop loop, Future<?> fired, String what) {
        long start = System.nanoTime();
        TimerHandle limit = loop.callLater(waitLimit, () -> {
            if (!fired.done()) {
                fired.setException(new IllegalStateException(what + " did not happen within "
                        + waitLimit.toMillis() + " ms"));
            }
        });
        try {
            loop.runUntilComplete(fired);
        } finally {
            limit.cancel();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** A callback that completes {@code fired} once. */
    static Runnable completes(Future<Void> fired) {
        return () -> {
            if (!fired.done()) {
                fired.setResult(null);
            }
        };
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("probe clean-up failed", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
