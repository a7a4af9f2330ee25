package org.jasyncio.internal.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

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

    /**
     * Runs {@code body} as a task of {@code loop} (the probes of awaiting operations:
     * connect, serve, send) and returns its result; a task still running when the wait
     * limit passes is cancelled and fails the probe, saying what did not happen.
     */
    <T> T run(EventLoop loop, Coroutine<T> body, String what) {
        Task<T> task = loop.createTask(body);
        boolean[] late = new boolean[1];
        TimerHandle limit = loop.callLater(waitLimit, () -> {
            late[0] = true;
            task.cancel(what + " did not happen within " + waitLimit.toMillis() + " ms");
        });
        try {
            return loop.runUntilComplete(task);
        } catch (CancelledException e) {
            if (late[0]) {
                throw new IllegalStateException(what + " did not happen within " + waitLimit.toMillis() + " ms", e);
            }
            throw e;
        } finally {
            limit.cancel();
        }
    }

    /**
     * The prefix of the probes' temporary directories in this process: short, as
     * {@code sun_path} holds 108 bytes, and with the process id, so a check can tell that
     * this process left none behind.
     */
    static String tempPrefix() {
        return "jasyncio-probe-" + ProcessHandle.current().pid() + "-";
    }

    /** A temporary directory, removed with everything in it when the probe ends; returns it. */
    Path tempDirectory() throws IOException {
        Path dir = Files.createTempDirectory(tempPrefix());
        opened.push(() -> deleteTree(dir));
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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
