package org.jasyncio.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * The set-up of the stream conformance suites: a fresh loop on the backend the suite is
 * parameterized with ({@code @ParameterizedClass @MethodSource("org.jasyncio.testing.Backends#readiness")}),
 * whose exception handler records errors; closed after each test.
 */
abstract class StreamLoopTest {
    static final Duration WATCHDOG = Duration.ofSeconds(60);

    @Parameter
    Backend backend;

    LoopFixture f;
    EventLoop loop;

    @BeforeEach
    void openLoop() {
        f = new LoopFixture(SelectorEventLoop.open(backend));
        loop = f.loop;
    }

    @AfterEach
    void closeLoop() {
        try {
            InLoop.cancelLeftovers(loop);
            f.runBriefly();
        } finally {
            f.close();
        }
    }

    /** asyncio's {@code loop.run_until_complete(coro)}, cancelled after {@link #WATCHDOG}. */
    <T> T run(Coroutine<T> body) {
        Task<T> task = loop.createTask(body);
        TimerHandle guard = loop.callLater(WATCHDOG, () -> task.cancel("test watchdog: still running after " + WATCHDOG));
        try {
            return loop.runUntilComplete(task);
        } finally {
            guard.cancel();
        }
    }

    void runVoid(Coroutine.AsyncRunnable body) {
        run(Coroutine.of(body));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
