package org.jasyncio.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staggered race behind Happy Eyeballs: ports of {@code Lib/test/test_asyncio/test_staggered.py}. */
class StaggeredRaceTest {
    LoopFixture f;

    @BeforeEach
    void open() {
        f = new LoopFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private StaggeredRace.Outcome<String> race(List<Coroutine<String>> attempts, Duration delay, List<String> discarded) {
        return f.loop.runUntilComplete(() -> StaggeredRace.run(f.loop, attempts, delay, discarded::add));
    }

    private static Coroutine<String> result(int index) {
        return () -> "Res: " + index;
    }

    private static Coroutine<String> failing(int index) {
        return () -> {
            throw new IllegalArgumentException(String.valueOf(index));
        };
    }

    /** Lib/test/test_asyncio/test_staggered.py::StaggeredTests::test_empty */
    @Test
    void empty() {
        StaggeredRace.Outcome<String> o = race(List.of(), null, new ArrayList<>());
        assertNull(o.winner());
        assertEquals(-1, o.index());
        assertEquals(List.of(), o.exceptions());
    }

    /** Lib/test/test_asyncio/test_staggered.py::StaggeredTests::test_one_successful */
    @Test
    void oneSuccessful() {
        StaggeredRace.Outcome<String> o = race(List.of(result(0), result(1)), null, new ArrayList<>());
        assertEquals("Res: 0", o.winner());
        assertEquals(0, o.index());
        assertEquals(1, o.exceptions().size());
        assertNull(o.exceptions().get(0));
    }

    /** Lib/test/test_asyncio/test_staggered.py::StaggeredTests::test_first_error_second_successful */
    @Test
    void firstErrorSecondSuccessful() {
        StaggeredRace.Outcome<String> o = race(List.of(failing(0), result(1)), null, new ArrayList<>());
        assertEquals("Res: 1", o.winner());
        assertEquals(1, o.index());
        assertEquals(2, o.exceptions().size());
        assertInstanceOf(IllegalArgumentException.class, o.exceptions().get(0));
        assertNull(o.exceptions().get(1));
    }

    /** Lib/test/test_asyncio/test_staggered.py::StaggeredTests::test_first_timeout_second_successful */
    @Test
    void firstTimeoutSecondSuccessful() {
        Coroutine<String> slow = () -> {
            AsyncIO.sleep(10);   // much longer than the delay
            return "Res: 0";
        };
        StaggeredRace.Outcome<String> o = race(List.of(slow, result(1)), Duration.ofMillis(100), new ArrayList<>());
        assertEquals("Res: 1", o.winner());
        assertEquals(1, o.index());
        assertEquals(2, o.exceptions().size());
        assertInstanceOf(CancelledException.class, o.exceptions().get(0));
        assertNull(o.exceptions().get(1));
    }

    /** Lib/test/test_asyncio/test_staggered.py::StaggeredTests::test_none_successful */
    @Test
    void noneSuccessful() {
        StaggeredRace.Outcome<String> o = race(List.of(failing(0), failing(1)), null, new ArrayList<>());
        assertNull(o.winner());
        assertEquals(-1, o.index());
        assertEquals(2, o.exceptions().size());
        assertInstanceOf(IllegalArgumentException.class, o.exceptions().get(0));
        assertInstanceOf(IllegalArgumentException.class, o.exceptions().get(1));
    }

    /** A slow attempt still wins when the ones started after it fail. */
    @Test
    void slowFirstAttemptWinsAfterTheNextFails() {
        Coroutine<String> slow = () -> {
            AsyncIO.sleep(0.2);
            return "slow";
        };
        Coroutine<String> failsLater = () -> {
            AsyncIO.sleep(0.05);
            throw new IllegalStateException("refused");
        };
        StaggeredRace.Outcome<String> o = race(List.of(slow, failsLater), Duration.ofMillis(10), new ArrayList<>());
        assertEquals("slow", o.winner());
        assertEquals(0, o.index());
        assertInstanceOf(IllegalStateException.class, o.exceptions().get(1));
    }

    /** A late success after the winner is handed to discard (its socket would be closed). */
    @Test
    void lateSuccessIsDiscarded() {
        List<String> discarded = new ArrayList<>();
        Coroutine<String> stubborn = () -> {
            try {
                AsyncIO.sleep(10);
            } catch (CancelledException ignoreIt) {
                // an attempt that finishes anyway, e.g. a connect that completed as it was cancelled
            }
            return "late";
        };
        StaggeredRace.Outcome<String> o = race(List.of(stubborn, result(1)), Duration.ofMillis(10), discarded);
        assertEquals("Res: 1", o.winner());
        f.loop.runUntilComplete(Coroutine.of(() -> AsyncIO.sleep(0.05)));
        assertEquals(List.of("late"), discarded);
    }

    /** Cancelling the awaiting task cancels every attempt. */
    @Test
    void cancellingTheRaceCancelsAttempts() {
        List<Task<?>> started = new ArrayList<>();
        Coroutine<String> hang = () -> {
            started.add(org.jasyncio.task.Task.current());
            AsyncIO.sleep(10);
            return "never";
        };
        f.loop.runUntilComplete(Coroutine.of(() -> {
            Task<StaggeredRace.Outcome<String>> t = f.loop.createTask(
                    () -> StaggeredRace.run(f.loop, List.of(hang, hang), Duration.ofMillis(1), s -> { }));
            AsyncIO.sleep(0.05);
            t.cancel();
            assertThrows(CancelledException.class, t::await);
            AsyncIO.sleep(0);
            AsyncIO.sleep(0);
        }));
        assertEquals(2, started.size());
        assertTrue(started.stream().allMatch(Task::cancelled));
    }
}
