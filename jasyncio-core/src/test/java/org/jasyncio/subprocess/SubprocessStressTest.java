package org.jasyncio.subprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.sync.Semaphore;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.ReadTransport;
import org.jasyncio.testing.OnEveryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subprocess stress on every readiness backend (pidfd on epoll/poll/select, threaded on
 * nio): many children started and reaped with nothing left behind, a large output with
 * backpressure and bounded memory, a child killed in the middle of writing.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class SubprocessStressTest extends OnEveryBackend {
    /** Nothing unexpected reached the loop's exception handler. */
    @AfterEach
    void noErrors() {
        f.assertNoErrors();
    }

    /** Reads everything, counting bytes and keeping nothing; completes {@code done} at connectionLost. */
    static final class Counter implements SubprocessProtocol {
        final Future<Void> done;
        long bytes;
        SubprocessTransport transport;

        Counter(EventLoop loop) {
            done = loop.createFuture();
        }

        @Override
        public void connectionMade(SubprocessTransport t) {
            transport = t;
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer data) {
            bytes += data.remaining();
        }

        @Override
        public void connectionLost(Throwable exc) {
            done.setResult(null);
        }
    }

    /**
     * 1,000 children (echo through a stdout pipe, stdin from /dev/null), 50 at a time: each
     * one's output arrives and it is reaped; afterwards this process has the descriptors it
     * had before and no {@code <defunct>} child.
     */
    @Test
    void thousandChildrenLeaveNothingBehind() throws Exception {
        int before = ProcessTesting.openDescriptors();
        int n = 1000;
        long[] total = new long[1];
        runVoid(() -> {
            Semaphore slots = new Semaphore(50);
            List<Task<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(loop.createTask(() -> {
                    try (var held = slots.acquire()) {
                        var c = loop.subprocessExec(() -> new Counter(loop), List.of("/bin/echo", "hello"),
                                SubprocessOptions.PIPES.withStdin(Stdio.DEVNULL).withStderr(Stdio.DEVNULL));
                        c.protocol().done.await();
                        total[0] += c.protocol().bytes;
                        c.transport().close();
                        return c.transport().getReturncode();
                    }
                }));
            }
            for (Task<Integer> t : tasks) {
                assertEquals(0, t.await());
            }
        });
        assertEquals(6L * n, total[0]);
        assertTrue(ProcessTesting.zombieChildren().isEmpty(), "zombies: " + ProcessTesting.zombieChildren());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessTesting.openDescriptors() > before && System.nanoTime() < deadline) {
            Thread.sleep(10); // threaded strategy: the JDK closes a stream's descriptor as its pump ends
        }
        assertTrue(ProcessTesting.openDescriptors() <= before,
                "descriptors before " + before + ", after " + ProcessTesting.openDescriptors());
    }

    /**
     * 100 MiB through the child's stdout to a consumer slower than the child: the protocol
     * pauses the pipe whenever it holds more than 1 MiB and resumes once a timer has
     * "consumed" it. Everything arrives, and what is held never exceeds the mark by more
     * than what one read delivers.
     */
    @Test
    void hundredMegabytesWithBackpressure() {
        long size = 100L << 20;
        int mark = 1 << 20;
        runVoid(() -> {
            final class Slow implements SubprocessProtocol {
                final Future<Void> done = loop.createFuture();
                long received;
                long held;
                long maxHeld;
                int pauses;
                ReadTransport out;

                @Override
                public void connectionMade(SubprocessTransport t) {
                    out = (ReadTransport) t.getPipeTransport(1);
                }

                @Override
                public void pipeDataReceived(int fd, ByteBuffer data) {
                    received += data.remaining();
                    held += data.remaining();
                    maxHeld = Math.max(maxHeld, held);
                    if (held > mark && out.isReading()) {
                        out.pauseReading();
                        pauses++;
                        loop.callLater(java.time.Duration.ofMillis(1), () -> {
                            held = 0;
                            out.resumeReading();
                        });
                    }
                }

                @Override
                public void connectionLost(Throwable exc) {
                    done.setResult(null);
                }
            }
            var c = loop.subprocessExec(Slow::new,
                    List.of("/bin/sh", "-c", "head -c " + size + " /dev/zero"),
                    SubprocessOptions.PIPES.withStdin(Stdio.DEVNULL));
            c.protocol().done.await();
            assertEquals(size, c.protocol().received);
            assertEquals(0, c.transport().getReturncode());
            assertTrue(c.protocol().pauses > 10, "paused " + c.protocol().pauses + " times");
            assertTrue(c.protocol().maxHeld <= mark + 512 * 1024, "held at most " + c.protocol().maxHeld);
            c.transport().close();
        });
    }

    /**
     * 100 MiB through a {@link Process}'s stdout stream, read 16 KiB at a time by a task:
     * the stream's reader pauses the pipe whenever it holds more than twice its limit, so
     * what is buffered stays bounded whatever the child writes; everything arrives.
     */
    @Test
    void hundredMegabytesThroughProcessStream() {
        long size = 100L << 20;
        int limit = 16 * 1024; // below what one pipe read brings (up to 64 KiB), so the reader must pause
        runVoid(() -> {
            Process p = Subprocesses.createSubprocessExec(List.of("head", "-c", Long.toString(size), "/dev/zero"),
                    SubprocessOptions.INHERITED.withStdout(Stdio.PIPE), limit);
            ReadTransport out = (ReadTransport) p.transport().getPipeTransport(1);
            long total = 0;
            int pausedSeen = 0;
            while (true) {
                if (!out.isReading() && !out.isClosing()) {
                    pausedSeen++;
                }
                byte[] chunk = p.stdout().read(limit);
                if (chunk.length == 0) {
                    break;
                }
                total += chunk.length;
            }
            assertEquals(size, total);
            assertEquals(0, p.await());
            assertTrue(pausedSeen > 0, "the stdout pipe was never seen paused");
        });
    }

    /**
     * A child killed while it writes as fast as it can: the output stops, the pipes end
     * without error, the return code is -SIGKILL, nothing is left behind. The writer is
     * the child itself, not a program under {@code sh -c} (dash does not exec the last
     * command): killing a shell leaves its child holding the pipe, and then (as in
     * asyncio) the pipe only ends when that grandchild does.
     */
    @Test
    void childKilledMidWrite() {
        runVoid(() -> {
            var c = loop.subprocessExec(() -> new Counter(loop), List.of("cat", "/dev/zero"),
                    SubprocessOptions.PIPES.withStdin(Stdio.DEVNULL));
            ProcessTesting.until(() -> c.protocol().bytes > (1 << 20));
            c.transport().kill();
            c.protocol().done.await();
            assertEquals(-9, c.transport().getReturncode());
            assertTrue(c.protocol().bytes > (1 << 20));
            c.transport().close();
        });
        assertTrue(ProcessTesting.zombieChildren().isEmpty());
    }
}
