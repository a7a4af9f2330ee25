package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.task.TimeoutException;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_queues.py (QueueBasicTests, QueueGetTests, QueuePutTests, order tests). */
class QueueTest {

    private static Task<Integer> getTask(Queue<Integer> q) {
        return AsyncIO.createTask(q::get);
    }

    private static Task<Void> putTask(Queue<String> q, String item) {
        return AsyncIO.createTask(Coroutine.of(() -> q.put(item)));
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueBasicTests::test_repr and test_str */
    @Test
    void repr() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            assertEquals("<Queue maxsize=0>", q.toString());
            q.putNowait(1);
            assertEquals("<Queue maxsize=0 _queue=[1] tasks=1>", q.toString());
            Queue<Integer> empty = new Queue<>();
            getTask(empty);
            AsyncIO.sleep(0);
            assertEquals("<Queue maxsize=0 _getters[1]>", empty.toString());
            empty.shutdown();
            assertEquals("<Queue maxsize=0 shutdown>", empty.toString());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueBasicTests::test_empty and test_full */
    @Test
    void emptyAndFull() {
        Queue<Integer> q = new Queue<>();
        assertTrue(q.empty());
        q.putNowait(1);
        assertFalse(q.empty());
        assertEquals(1, q.getNowait());
        assertTrue(q.empty());
        assertFalse(q.full());
        Queue<Integer> bounded = new Queue<>(1);
        bounded.putNowait(1);
        assertTrue(bounded.full());
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueBasicTests::test_order, LifoQueueTests::test_order, PriorityQueueTests::test_order */
    @Test
    void order() {
        InLoop.run(() -> {
            List<List<Integer>> seen = new ArrayList<>();
            for (Queue<Integer> q : List.of(new Queue<Integer>(), new LifoQueue<Integer>(), new PriorityQueue<Integer>())) {
                for (int i : new int[] {1, 3, 2}) {
                    q.put(i);
                }
                seen.add(List.of(q.get(), q.get(), q.get()));
            }
            assertEquals(List.of(List.of(1, 3, 2), List.of(2, 3, 1), List.of(1, 2, 3)), seen);
        });
    }

    /** PriorityQueue with a comparator (asyncio's (priority, data) tuples). */
    @Test
    void priorityWithAComparator() {
        record Job(int priority, String name) {
        }
        PriorityQueue<Job> q = new PriorityQueue<>(0, java.util.Comparator.comparingInt(Job::priority));
        q.putNowait(new Job(5, "low"));
        q.putNowait(new Job(1, "high"));
        assertEquals("high", q.getNowait().name());
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueBasicTests::test_maxsize */
    @Test
    void maxsize() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            List<Integer> haveBeenPut = new ArrayList<>();
            Task<Boolean> t = AsyncIO.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                    haveBeenPut.add(i);
                }
                return true;
            });
            for (int i = 0; i < 2; i++) {
                AsyncIO.sleep(0);
            }
            assertEquals(List.of(0, 1), haveBeenPut);   // blocked after two
            assertEquals(0, q.get());
            AsyncIO.sleep(0);
            assertEquals(List.of(0, 1, 2), haveBeenPut);
            assertEquals(1, q.get());
            assertEquals(2, q.get());
            assertTrue(t.done());
            assertTrue(t.result());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_blocking_get and test_nonblocking_get */
    @Test
    void getAnAvailableItem() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            assertEquals(1, q.get());
            q.putNowait(2);
            assertEquals(2, q.getNowait());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_blocking_get_wait */
    @Test
    void getWaitsForAnItem() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            Event started = new Event();
            boolean[] finished = {false};
            Task<Integer> t = AsyncIO.createTask(() -> {
                started.set();
                int res = q.get();
                finished[0] = true;
                return res;
            });
            started.await();
            assertFalse(finished[0]);
            AsyncIO.getRunningLoop().callLater(Duration.ofMillis(10), () -> q.putNowait(1));
            assertEquals(1, t.await());
            assertTrue(finished[0]);
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_nonblocking_get_exception */
    @Test
    void getNowaitOnAnEmptyQueue() {
        assertThrows(QueueEmptyException.class, new Queue<Integer>()::getNowait);
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_get_cancelled_race */
    @Test
    void aCancelledGetterIsSkipped() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> t1 = getTask(q);
            Task<Integer> t2 = getTask(q);
            AsyncIO.sleep(0);
            t1.cancel();
            AsyncIO.sleep(0);
            assertTrue(t1.done());
            q.put(7);
            AsyncIO.sleep(0);
            assertEquals(7, t2.await());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_get_with_waiting_putters */
    @Test
    void getWithWaitingPutters() {
        InLoop.run(() -> {
            Queue<String> q = new Queue<>(1);
            putTask(q, "a");
            putTask(q, "b");
            assertEquals("a", q.get());
            assertEquals("b", q.get());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_why_are_getters_waiting */
    @Test
    void producerAndConsumerThroughASlotOfOne() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            AsyncIO.taskGroup(tg -> {
                tg.createTask(Coroutine.of(() -> {
                    for (int i = 0; i < 5; i++) {
                        q.put(i);
                    }
                }));
                tg.createTask(Coroutine.of(() -> {
                    for (int i = 0; i < 5; i++) {
                        q.get();
                    }
                }));
            });
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueueGetTests::test_cancelled_getters_not_being_held_in_self_getters */
    @Test
    void aTimedOutGetLeavesNoGetter() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>(5);
            assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(q::get, Duration.ofMillis(50)));
            assertFalse(q.toString().contains("_getters"));
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_blocking_put and test_nonblocking_put */
    @Test
    void putIntoAnUnboundedQueue() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            q.put(1);
            assertEquals(1, q.get());
            q.putNowait(2);
            assertEquals(2, q.getNowait());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_blocking_put_wait */
    @Test
    void putWaitsForRoom() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            Event started = new Event();
            boolean[] finished = {false};
            AsyncIO.getRunningLoop().callLater(Duration.ofMillis(10), q::getNowait);
            Task<Void> t = AsyncIO.createTask(Coroutine.of(() -> {
                started.set();
                q.put(1);
                q.put(2);
                finished[0] = true;
            }));
            started.await();
            assertFalse(finished[0]);
            t.await();
            assertTrue(finished[0]);
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_get_cancel_drop_one_pending_reader */
    @Test
    void aCancelledGetNeverDropsAnItem() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = getTask(q);
            AsyncIO.sleep(0);
            q.putNowait(1);   // wakes the reader ...
            q.putNowait(2);
            reader.cancel();  // ... which is cancelled before it runs
            int result;
            try {
                result = reader.await();
            } catch (CancelledException c) {
                result = getTask(q).await();   // try again
            }
            assertEquals(1, result);   // 2 would mean 1 was dropped
            assertEquals(1, q.qsize());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_get_cancel_drop_many_pending_readers */
    @Test
    void aCancelledGetHandsItsWakeUpOn() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            Object[] readers = new Object[3];
            AsyncIO.taskGroup(tg -> {
                Task<Integer> reader1 = tg.createTask(q::get);
                readers[1] = tg.createTask(q::get);
                Task<Integer> reader3 = tg.createTask(q::get);
                readers[2] = reader3;
                AsyncIO.sleep(0);
                q.putNowait(1);
                q.putNowait(2);
                reader1.cancel();
                assertThrows(CancelledException.class, reader1::await);
                reader3.await();
            });
            assertEquals(Set.of(1, 2), Set.of(((Task<?>) readers[1]).result(), ((Task<?>) readers[2]).result()));
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_put_cancel_drop */
    @Test
    void aCancelledPutNeverLosesTheRoom() {
        InLoop.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("1");
            Task<Void> writer = putTask(q, "2");
            AsyncIO.sleep(0);
            assertEquals("1", q.getNowait());
            writer.cancel();
            try {
                writer.await();
            } catch (CancelledException c) {
                putTask(q, "2").await();   // try again
            }
            assertEquals("2", q.getNowait());
            assertEquals(0, q.qsize());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_nonblocking_put_exception */
    @Test
    void putNowaitOnAFullQueue() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertThrows(QueueFullException.class, () -> q.putNowait(2));
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_put_cancelled */
    @Test
    void putThenGet() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Boolean> t = AsyncIO.createTask(() -> {
                q.put(1);
                return true;
            });
            assertEquals(1, q.get());
            assertTrue(t.done());
            assertTrue(t.result());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_put_cancelled_race */
    @Test
    void aCancelledPutterIsSkipped() {
        InLoop.run(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> putA = putTask(q, "a");
            Task<Void> putB = putTask(q, "b");
            Task<Void> putC = putTask(q, "X");
            AsyncIO.sleep(0);
            assertTrue(putA.done());
            assertFalse(putB.done());
            putC.cancel();
            AsyncIO.sleep(0);
            assertTrue(putC.done());
            assertEquals("a", q.getNowait());
            AsyncIO.sleep(0);
            assertEquals("b", q.getNowait());
            putB.await();
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_put_with_waiting_getters */
    @Test
    void putWakesAWaitingGetter() {
        InLoop.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t = AsyncIO.createTask(q::get);
            AsyncIO.sleep(0);
            q.put("a");
            assertEquals("a", t.await());
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_why_are_putters_waiting */
    @Test
    void putsWokenByGetNowait() {
        InLoop.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            AsyncIO.taskGroup(tg -> {
                tg.createTask(Coroutine.of(() -> {
                    AsyncIO.sleep(0);
                    int num = q.qsize();
                    for (int i = 0; i < num; i++) {
                        q.getNowait();
                    }
                }));
                for (int i = 0; i < 4; i++) {
                    int item = i;
                    tg.createTask(Coroutine.of(() -> q.put(item)));
                }
            });
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::QueuePutTests::test_cancelled_puts_not_being_held_in_self_putters and test_cancelled_put_silence_value_error_exception */
    @Test
    void aCancelledPutLeavesNoPutter() {
        InLoop.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("1");
            Task<Void> put = putTask(q, "1");
            AsyncIO.sleep(0);
            assertTrue(q.toString().contains("_putters[1]"));
            put.cancel();
            assertThrows(CancelledException.class, put::await);
            assertFalse(q.toString().contains("_putters"));

            Task<Void> again = putTask(q, "2");
            AsyncIO.sleep(0);
            q.getNowait();   // takes the putter off the list ...
            again.cancel();  // ... before the cancellation removes it
            assertThrows(CancelledException.class, again::await);
        });
    }

    /** Items are not null: a clear error instead of an item that looks like "empty". */
    @Test
    void nullIsRefused() {
        Queue<String> q = new Queue<>();
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
    }

    /** A queue bound to one loop refuses to make a task of another wait. */
    @Test
    void boundToOneLoop() {
        Queue<Integer> q = new Queue<>();
        InLoop.run(() -> {
            Task<Integer> t = getTask(q);
            AsyncIO.sleep(0);
            t.cancel();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InLoop.run(q::get));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
    }
}
