package org.jasyncio.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.task.Coroutine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threaded strategy's pipes under a task that flips flow control as fast as it can
 * while a pump thread hands data to the loop. A task is a virtual thread carried by the
 * loop thread: if the pipes shared a lock between the task side and the loop side, a task
 * queued on it while the pump held it would leave the loop thread blocked behind the task
 * only it can run. With the former {@code ReentrantLock} in the read pipe this test hung
 * (checked: 300,000 flips, failed by its time-out); lock-free it takes about a second.
 */
class ThreadedPipeHandOverTest {

    /** An endless, instant source: the pump is always busy, so contention is constant. */
    static final class Zeros extends InputStream {
        @Override
        public int read() {
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return len;
        }
    }

    /** Counts what reaches the loop. */
    static final class Counting implements PipeListener {
        final AtomicLong bytes = new AtomicLong();
        Throwable lost;

        @Override
        public void pipeData(int fd, ByteBuffer data) {
            bytes.addAndGet(data.remaining());
        }

        @Override
        public void pipeLost(int fd, Throwable exc) {
            lost = exc;
        }

        @Override
        public void pipePauseWriting() {
        }

        @Override
        public void pipeResumeWriting() {
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readPipeFlowControlFromATaskNeverBlocksTheLoop() {
        try (EventLoop loop = SelectorEventLoop.open(Backend.NIO)) {
            Counting listener = new Counting();
            ThreadedReadPipe pipe = new ThreadedReadPipe(loop, new Zeros(), 1, listener, "hand-over-test-stdout");
            int flips = loop.runUntilComplete(() -> {
                int n = 0;
                for (; n < 300_000; n++) {
                    pipe.pauseReading();
                    AsyncIO.sleep(0);
                    pipe.resumeReading();
                    AsyncIO.sleep(0);
                }
                pipe.close();
                AsyncIO.sleep(0);
                return n;
            });
            assertEquals(300_000, flips);
            assertTrue(listener.bytes.get() > 0, "no data reached the loop");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void writePipeWritesFromATaskNeverBlockTheLoop() {
        AtomicLong sunk = new AtomicLong();
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                sunk.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sunk.addAndGet(len);
            }
        };
        try (EventLoop loop = SelectorEventLoop.open(Backend.NIO)) {
            Counting listener = new Counting();
            ThreadedWritePipe pipe = new ThreadedWritePipe(loop, sink, listener, "hand-over-test-stdin");
            long total = 200_000L * 16;
            loop.runUntilComplete(Coroutine.of(() -> {
                byte[] chunk = new byte[16];
                for (int i = 0; i < 200_000; i++) {
                    pipe.write(ByteBuffer.wrap(chunk));
                    if (i % 64 == 0) {
                        AsyncIO.sleep(0);
                    }
                }
                pipe.close(); // flushes, then the loss is reported
                while (listener.lost == null && sunk.get() < total) {
                    AsyncIO.sleep(0.001);
                }
            }));
            assertEquals(total, sunk.get());
        }
    }
}
