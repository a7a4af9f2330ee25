package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_locks.py::EventTests. */
class EventTest {

    private static Task<Void> waitAndLog(Event ev, List<Integer> result, int tag) {
        return AsyncIO.createTask(Coroutine.of(() -> {
            ev.await();
            result.add(tag);
        }));
    }

    /** Lib/test/test_asyncio/test_locks.py::EventTests::test_repr */
    @Test
    void repr() {
        InLoop.run(() -> {
            Event ev = new Event();
            assertTrue(ev.toString().endsWith("[unset]>"));
            AsyncIO.createTask(Coroutine.of(ev::await));
            AsyncIO.sleep(0);
            assertTrue(ev.toString().contains("waiters:1"), ev.toString());
            ev.set();
            assertTrue(ev.toString().startsWith("<Event [set"), ev.toString());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::EventTests::test_wait */
    @Test
    void setWakesEveryWaiter() {
        InLoop.run(() -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            List<Integer> result = new ArrayList<>();
            Task<Void> t1 = waitAndLog(ev, result, 1);
            Task<Void> t2 = waitAndLog(ev, result, 2);
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            Task<Void> t3 = waitAndLog(ev, result, 3);
            ev.set();
            AsyncIO.sleep(0);
            // t3 had not started: it finds the event set and goes through first.
            assertEquals(List.of(3, 1, 2), result);
            assertTrue(t1.done() && t2.done() && t3.done());
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::EventTests::test_wait_on_set */
    @Test
    void awaitOnASetEventReturnsAtOnce() {
        InLoop.run(() -> {
            Event ev = new Event();
            ev.set();
            ev.await();
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::EventTests::test_wait_cancel */
    @Test
    void cancelledWaitLeavesNoWaiter() {
        InLoop.run(() -> {
            Event ev = new Event();
            Task<Void> wait = AsyncIO.createTask(Coroutine.of(ev::await));
            AsyncIO.getRunningLoop().callSoon(() -> wait.cancel());
            assertThrows(CancelledException.class, wait::await);
            assertFalse(ev.toString().contains("waiters"));
        });
    }

    /** Lib/test/test_asyncio/test_locks.py::EventTests::test_clear */
    @Test
    void clear() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    /** Lib/test/test_asyncio/test_locks.py::EventTests::test_clear_with_waiters */
    @Test
    void aWakeUpSurvivesAClear() {
        InLoop.run(() -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Void> t = waitAndLog(ev, result, 1);
            AsyncIO.sleep(0);
            assertEquals(List.of(), result);
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertTrue(ev.toString().contains("waiters:1"));
            AsyncIO.sleep(0);
            assertEquals(List.of(1), result);
            assertFalse(ev.toString().contains("waiters"));
            assertTrue(t.done());
        });
    }
}
