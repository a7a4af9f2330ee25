package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jasyncio.AsyncIO;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/**
 * Ports of CPython's as_completed tests (Lib/test/test_asyncio/test_tasks.py), in their
 * {@code async for} form: {@code next()} waits and returns the original future.
 */
class AsCompletedTest {

    private static Task<String> sleeper(double seconds, String x) {
        return AsyncIO.createTask(() -> AsyncIO.sleep(Duration.ofNanos((long) (seconds * 1e9)), x));
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed */
    @Test
    void yieldsInCompletionOrder() {
        List<String> res = InLoop.run(() -> {
            Task<String> a = sleeper(0.01, "a");
            Task<String> b = sleeper(0.01, "b");
            Task<String> c = sleeper(0.15, "c");
            List<String> values = new ArrayList<>();
            for (Task<String> f : AsyncIO.asCompleted(List.of(b, c, a))) {
                assertTrue(f.done());
                values.add(f.result());
            }
            return values;
        });
        assertTrue(res.subList(0, 2).containsAll(List.of("a", "b")), res.toString());
        assertEquals("c", res.get(2));
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed_same_tasks_in_as_out */
    @Test
    void yieldsTheFuturesItWasGiven() {
        InLoop.run(() -> {
            List<Task<Integer>> in = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int v = i;
                in.add(AsyncIO.createTask(() -> v));
            }
            Set<Task<Integer>> out = new HashSet<>();
            for (Task<Integer> t : AsyncIO.asCompleted(in)) {
                out.add(t);
            }
            assertEquals(new HashSet<>(in), out);
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed_with_timeout */
    @Test
    void timeoutAfterTheFirst() {
        InLoop.run(() -> {
            Task<String> a = sleeper(0.01, "a");
            Task<String> b = sleeper(10, "b");
            List<Object> values = new ArrayList<>();
            try {
                for (Task<String> f : AsyncIO.asCompleted(List.of(a, b), Duration.ofMillis(120))) {
                    values.add(f.result());
                }
            } catch (TimeoutException e) {
                values.add(e);
            }
            assertEquals(2, values.size(), values.toString());
            assertEquals("a", values.get(0));
            assertInstanceOf(TimeoutException.class, values.get(1));
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed_with_timeout (each remaining next() times out) */
    @Test
    void everyRemainingNextTimesOut() {
        InLoop.run(() -> {
            AsCompleted<Task<String>> it = AsyncIO.asCompleted(List.of(sleeper(10, "x"), sleeper(10, "y")),
                    Duration.ofMillis(10));
            assertThrows(TimeoutException.class, it::next);
            assertTrue(it.hasNext());
            assertThrows(TimeoutException.class, it::next);
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed_with_unused_timeout */
    @Test
    void unusedTimeout() {
        InLoop.run(() -> {
            for (Task<String> f : AsyncIO.asCompleted(List.of(sleeper(0.01, "a")), Duration.ofSeconds(1))) {
                assertEquals("a", f.await());
            }
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed_resume_iterator */
    @Test
    void iterationCanResume() {
        List<Integer> collected = InLoop.run(() -> {
            List<Task<Integer>> in = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int v = i;
                in.add(AsyncIO.createTask(() -> v));
            }
            AsCompleted<Task<Integer>> iterator = AsyncIO.asCompleted(in);
            List<Integer> got = new ArrayList<>();
            int iterations = 0;
            for (Task<Integer> f : iterator) {
                got.add(f.await());
                if (++iterations == 2) {
                    break;
                }
            }
            assertEquals(2, got.size());
            for (Task<Integer> f : iterator) {
                got.add(f.await());
            }
            return got;
        });
        assertEquals(Set.of(0, 1, 2, 3), new HashSet<>(collected));
        assertEquals(4, collected.size());
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_as_completed_duplicate_coroutines */
    @Test
    void duplicatesAreYieldedOnce() {
        InLoop.run(() -> {
            Task<String> c = AsyncIO.createTask(() -> "ham");
            List<String> result = new ArrayList<>();
            for (Task<String> f : AsyncIO.asCompleted(List.of(c, c, AsyncIO.createTask(() -> "spam")))) {
                result.add(f.result());
            }
            assertEquals(Set.of("ham", "spam"), new HashSet<>(result));
            assertEquals(2, result.size());
        });
    }

    /** A failed future is yielded like any other; its exception is there to read. */
    @Test
    void failuresAreYieldedToo() {
        InLoop.run(() -> {
            Task<String> bad = AsyncIO.createTask(() -> {
                throw new IllegalStateException("bad");
            });
            AsCompleted<Task<String>> it = AsyncIO.asCompleted(List.of(bad));
            assertInstanceOf(IllegalStateException.class, it.next().exception());
        });
    }

    /** An empty collection yields nothing, without waiting. */
    @Test
    void emptyIsEmpty() {
        InLoop.run(() -> assertFalse(AsyncIO.asCompleted(List.<Future<?>>of()).hasNext()));
    }
}
