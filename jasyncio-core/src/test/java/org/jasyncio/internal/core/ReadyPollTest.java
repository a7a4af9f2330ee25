package org.jasyncio.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loop skips the non-blocking I/O poll while items are ready, but never for more than
 * {@link PollPacer#MAX_ITEMS} quick items or about one slow one, and never where asyncio
 * code relies on a poll (BaseLoop's design note on step 3 of an iteration).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class ReadyPollTest {
    @Parameter
    Backend backend;

    /** A pipe whose read end {@code loop} watches, recording each readiness report. */
    private static final class WatchedPipe implements AutoCloseable {
        final Pipe pipe = Pipe.open();
        final List<Integer> reports = new ArrayList<>();
        private final ReadinessBackend.Registration registration;

        WatchedPipe(SelectorLoop loop) throws IOException {
            registration = loop.readiness().register(Pollable.of(pipe.source()), ReadinessBackend.READ,
                    this::ready);
        }

        private void ready(int ops) {
            reports.add(ops);
            registration.cancel();
        }

        void writeByte() {
            try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    /** Lib/test/test_asyncio/utils.py::run_once: {@code stop(); run_forever()} runs one iteration that polls I/O. */
    @Test
    void stopThenRunForeverPollsIo() throws IOException {
        try (SelectorLoop loop = new SelectorLoop(backend); WatchedPipe pipe = new WatchedPipe(loop)) {
            pipe.writeByte();
            loop.callSoon(() -> { });
            loop.stop();
            loop.runForever();
            assertEquals(List.of(ReadinessBackend.READ), pipe.reports);
        }
    }

    @Test
    void ioThatBecomesReadyDuringABurstOfQuickCallbacksIsReportedWithinTheItemBound() throws IOException {
        int waited = itemsRunBetweenWriteAndReport(0, 3);
        assertTrue(waited <= PollPacer.MAX_ITEMS, "ready I/O waited behind " + waited + " quick callbacks");
    }

    @Test
    void ioThatBecomesReadyDuringSlowCallbacksIsReportedAfterAtMostOneOfThem() throws IOException {
        // Each callback takes 1 ms, ten times the pacer's target: after its first clock
        // check the loop polls between every two callbacks, as asyncio does.
        int waited = itemsRunBetweenWriteAndReport(1_000_000, PollPacer.MAX_CHECK + 2);
        assertTrue(waited <= 1, "ready I/O waited behind " + waited + " slow callbacks");
    }

    /**
     * Runs a callback that reschedules itself, each run busy for {@code busyNanos}; the
     * {@code writeAt}-th run makes the pipe readable. Returns how many runs came after
     * that one before the loop reported the pipe readable.
     */
    private int itemsRunBetweenWriteAndReport(long busyNanos, int writeAt) throws IOException {
        try (SelectorLoop loop = new SelectorLoop(backend); WatchedPipe pipe = new WatchedPipe(loop)) {
            int limit = writeAt + 100 * PollPacer.MAX_ITEMS;
            int[] ran = {0};
            int[] seenBy = {-1};
            Runnable[] step = new Runnable[1];
            step[0] = () -> {
                ran[0]++;
                if (!pipe.reports.isEmpty()) {
                    seenBy[0] = ran[0];
                    loop.stop();
                    return;
                }
                long until = System.nanoTime() + busyNanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                if (ran[0] == writeAt) {
                    pipe.writeByte();
                }
                if (ran[0] < limit) {
                    loop.callSoon(step[0]);
                } else {
                    loop.stop();
                }
            };
            loop.callSoon(step[0]);
            loop.runForever();
            assertEquals(List.of(ReadinessBackend.READ), pipe.reports, "the pipe was never reported readable");
            // The run that saw the report came after the report: it does not count.
            return seenBy[0] - 1 - writeAt;
        }
    }
}
