package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jasyncio.task.Future;
import org.jasyncio.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exception handler API of CPython's test_base_events. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExceptionHandlerTest {
    private final EventLoop loop = SelectorEventLoop.open();

    @AfterEach
    void close() {
        loop.close();
    }

    private void runOnce() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_default_exc_handler_callback:
     * an exception in a callback (callSoon or callLater) is logged at ERROR with the
     * exception, and the loop goes on.
     */
    @Test
    void theDefaultHandlerLogsCallbackExceptionsAndTheLoopGoesOn() {
        ArithmeticException first = new ArithmeticException("zero from callSoon");
        ArithmeticException second = new ArithmeticException("zero from callLater");
        try (LogCapture logs = new LogCapture()) {
            Future<Boolean> f1 = loop.createFuture();
            loop.callSoon(() -> {
                f1.setResult(true);
                throw first;
            });
            loop.runUntilComplete(f1);
            Future<Boolean> f2 = loop.createFuture();
            loop.callLater(Duration.ofMillis(5), () -> {
                f2.setResult(true);
                throw second;
            });
            loop.runUntilComplete(f2);
            List<LogRecord> errors = logs.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
            assertEquals(2, errors.size(), errors.toString());
            assertTrue(errors.get(0).getMessage().startsWith("Exception in callback"), errors.get(0).getMessage());
            assertSame(first, errors.get(0).getThrown());
            assertTrue(errors.get(0).getMessage().contains("handle: <Handle"), errors.get(0).getMessage());
            assertSame(second, errors.get(1).getThrown());
            assertTrue(errors.get(1).getMessage().contains("handle: <TimerHandle"), errors.get(1).getMessage());
        }
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_set_exc_handler_custom */
    @Test
    void aCustomHandlerGetsTheLoopAndTheContextAndNullRestoresTheDefault() {
        assertNull(loop.getExceptionHandler());
        List<Object[]> calls = new ArrayList<>();
        ExceptionHandler handler = (l, context) -> calls.add(new Object[] {l, context});
        loop.setExceptionHandler(handler);
        assertSame(handler, loop.getExceptionHandler());
        ArithmeticException zero = new ArithmeticException("/ by zero");
        Handle handle = loop.callSoon(() -> {
            throw zero;
        });
        runOnce();
        assertEquals(1, calls.size());
        assertSame(loop, calls.get(0)[0]);
        ExceptionContext context = (ExceptionContext) calls.get(0)[1];
        assertTrue(context.message().startsWith("Exception in callback"), context.message());
        assertSame(zero, context.exception());
        assertSame(handle, context.get(ExceptionContext.HANDLE));
        assertEquals(List.of("message", "exception", "handle"), List.copyOf(context.asMap().keySet()));

        loop.setExceptionHandler(null);
        assertNull(loop.getExceptionHandler());
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(() -> {
                throw zero;
            });
            runOnce();
            assertEquals(1, logs.messages(Level.SEVERE).size());
        }
        assertEquals(1, calls.size());
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_set_exc_handler_broken:
     * a handler that throws is reported by the default handler, with the original context.
     */
    @Test
    void aHandlerThatThrowsIsReportedByTheDefaultHandler() {
        IllegalArgumentException spam = new IllegalArgumentException("spam");
        loop.setExceptionHandler((l, context) -> {
            throw spam;
        });
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(() -> {
                throw new ArithmeticException("zero");
            });
            runOnce();
            List<LogRecord> errors = logs.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).getMessage().startsWith("Unhandled error in exception handler"),
                    errors.get(0).getMessage());
            assertSame(spam, errors.get(0).getThrown());
            assertTrue(errors.get(0).getMessage().contains("zero"), errors.get(0).getMessage());
        }
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_default_exc_handler_broken
     * (the part that applies): callExceptionHandler never throws, whatever the handler does.
     */
    @Test
    void callExceptionHandlerNeverThrows() {
        loop.setExceptionHandler((l, context) -> {
            throw new StackOverflowError("handler blew up");
        });
        try (LogCapture logs = new LogCapture()) {
            loop.callExceptionHandler(ExceptionContext.of("something happened", null));
            assertEquals(1, logs.messages(Level.SEVERE).size());
        }
    }

    /** The context keys are asyncio's; message and exception are the record's own components. */
    @Test
    void exceptionContextKeysAreAsyncios() {
        RuntimeException error = new RuntimeException("x");
        ExceptionContext context = ExceptionContext.of("msg", error)
                .with(ExceptionContext.FUTURE, "f")
                .with(ExceptionContext.TASK, "t");
        assertEquals("msg", context.get(ExceptionContext.MESSAGE));
        assertSame(error, context.get(ExceptionContext.EXCEPTION));
        assertEquals("f", context.get("future"));
        assertEquals("t", context.get("task"));
        assertNull(context.get("transport"));
        Map<String, Object> all = context.asMap();
        assertEquals(List.of("message", "exception", "future", "task"), List.copyOf(all.keySet()));
        assertEquals(List.of("message"), List.copyOf(ExceptionContext.of("only", null).asMap().keySet()));
        assertThrows(IllegalArgumentException.class, () -> context.with("message", "m"));
        assertThrows(IllegalArgumentException.class, () -> context.with("exception", error));
        assertThrows(UnsupportedOperationException.class, () -> context.details().put("x", 1));
        assertThrows(NullPointerException.class, () -> ExceptionContext.of(null, error));
    }

    /** The default handler prints every key, so nothing the reporter added is lost. */
    @Test
    void theDefaultHandlerPrintsEveryKey() {
        try (LogCapture logs = new LogCapture()) {
            loop.defaultExceptionHandler(ExceptionContext.of("custom report", null)
                    .with(ExceptionContext.PROTOCOL, "<MyProtocol>")
                    .with(ExceptionContext.SOURCE_TRACEBACK, new Throwable("created here")));
            LogRecord record = logs.records().get(0);
            assertEquals(Level.SEVERE, record.getLevel());
            assertNull(record.getThrown());
            String text = record.getMessage();
            assertTrue(text.startsWith("custom report"), text);
            assertTrue(text.contains("protocol: <MyProtocol>"), text);
            assertTrue(text.contains("source_traceback:") && text.contains("theDefaultHandlerPrintsEveryKey"), text);
        }
    }

    /** An exception in a done callback goes to the handler too, with the handle. */
    @Test
    void anExceptionInADoneCallbackReachesTheHandler() {
        List<ExceptionContext> seen = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> seen.add(c));
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(x -> {
            throw new IllegalStateException("in done callback");
        });
        f.setResult(1);
        runOnce();
        assertEquals(1, seen.size());
        assertInstanceOf(IllegalStateException.class, seen.get(0).exception());
        assertNotNull(seen.get(0).get(ExceptionContext.HANDLE));
    }
}
