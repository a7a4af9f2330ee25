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
 * {@link BaseLoop#READY_POLL_INTERVAL} items, and never where asyncio code relies on a
 * poll (BaseLoop's design note on step 3 of an iteration).
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
    void ioThatBecomesReadyDuringACallbackChainIsReportedWithinTheInterval() throws IOException {
        try (SelectorLoop loop = new SelectorLoop(backend); WatchedPipe pipe = new WatchedPipe(loop)) {
            int writeAt = 3;
            int limit = 100 * BaseLoop.READY_POLL_INTERVAL;
            int[] ran = {0};
            Runnable[] step = new Runnable[1];
            step[0] = () -> {
                ran[0]++;
                if (ran[0] == writeAt) {
                    pipe.writeByte();
                }
                if (pipe.reports.isEmpty() && ran[0] < limit) {
                    loop.callSoon(step[0]);
                } else {
                    loop.stop();
                }
            };
            loop.callSoon(step[0]);
            loop.runForever();
            assertEquals(List.of(ReadinessBackend.READ), pipe.reports, "the pipe was never reported readable");
            assertTrue(ran[0] - writeAt <= BaseLoop.READY_POLL_INTERVAL + 1,
                    "ready I/O waited behind " + (ran[0] - writeAt) + " callbacks");
        }
    }
}
