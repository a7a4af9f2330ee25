package org.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ports of Lib/test/test_asyncio/test_queues.py::_QueueJoinTestMixin and
 * _QueueShutdownTestMixin, for Queue, LifoQueue and PriorityQueue.
 */
class QueueJoinAndShutdownTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("Queue", (IntFunction<Queue<String>>) Queue::new),
                Arguments.of("LifoQueue", (IntFunction<Queue<String>>) LifoQueue::new),
                Arguments.of("PriorityQueue", (IntFunction<Queue<String>>) PriorityQueue::new));
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueJoinTestMixin::test_task_done_underflow */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void taskDoneUnderflow(String kind, IntFunction<Queue<String>> make) {
        assertThrows(IllegalStateException.class, make.apply(0)::taskDone);
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueJoinTestMixin::test_task_done */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void taskDoneAndJoin(String kind, IntFunction<Queue<String>> make) {
        InLoop.run(() -> {
            Queue<String> q = make.apply(0);
            int expected = 0;
            for (int i = 0; i < 100; i++) {
                q.putNowait(String.format("%03d", i));
                expected += i;
            }
            int[] accumulator = {0};
            boolean[] running = {true};
            int sum = expected;
            AsyncIO.taskGroup(tg -> {
                for (int w = 0; w < 2; w++) {
                    tg.createTask(Coroutine.of(() -> {
                        while (running[0]) {
                            accumulator[0] += Integer.parseInt(q.get());
                            q.taskDone();
                        }
                    }));
                }
                q.join();
                assertEquals(sum, accumulator[0]);
                running[0] = false;
                q.putNowait("000");
                q.putNowait("000");
            });
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueJoinTestMixin::test_join_empty_queue */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void joinAnEmptyQueue(String kind, IntFunction<Queue<String>> make) {
        InLoop.run(() -> {
            Queue<String> q = make.apply(0);
            q.join();
            q.join();
        });
    }

    private static void assertShutDown(Queue<String> q) {
        assertThrows(QueueShutDownException.class, () -> q.put("data"));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueShutdownTestMixin::test_shutdown_empty */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownEmpty(String kind, IntFunction<Queue<String>> make) {
        InLoop.run(() -> {
            Queue<String> q = make.apply(0);
            Task<String> getTask = AsyncIO.createTask(q::get);
            AsyncIO.sleep(0);
            q.shutdown(false);
            assertEquals(0, q.qsize());
            q.join();
            AsyncIO.sleep(0);
            assertTrue(getTask.done());
            assertThrows(QueueShutDownException.class, getTask::await);
            assertShutDown(q);
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueShutdownTestMixin::test_shutdown_nonempty */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownNonEmpty(String kind, IntFunction<Queue<String>> make) {
        InLoop.run(() -> {
            Queue<String> q = make.apply(1);
            q.putNowait("data");
            Task<Void> joinTask = AsyncIO.createTask(Coroutine.of(q::join));
            Task<Void> putTask = AsyncIO.createTask(Coroutine.of(() -> q.put("data2")));
            AsyncIO.sleep(0);
            assertFalse(putTask.done());
            q.shutdown(false);
            assertEquals(1, q.qsize());
            AsyncIO.sleep(0);
            assertTrue(putTask.done());
            assertThrows(QueueShutDownException.class, putTask::await);
            assertEquals("data", q.get());
            AsyncIO.sleep(0);
            assertFalse(joinTask.done());
            assertShutDown(q);
            q.taskDone();
            AsyncIO.sleep(0);
            assertTrue(joinTask.done());
            joinTask.await();
            assertThrows(IllegalStateException.class, q::taskDone);
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownImmediate(String kind, IntFunction<Queue<String>> make) {
        InLoop.run(() -> {
            Queue<String> q = make.apply(0);
            q.putNowait("data");
            Task<Void> joinTask = AsyncIO.createTask(Coroutine.of(q::join));
            q.shutdown(true);
            assertEquals(0, q.qsize());
            AsyncIO.sleep(0);
            assertTrue(joinTask.done());
            joinTask.await();
            assertShutDown(q);
            assertThrows(IllegalStateException.class, q::taskDone);
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate_with_unfinished */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownImmediateWithUnfinished(String kind, IntFunction<Queue<String>> make) {
        InLoop.run(() -> {
            Queue<String> q = make.apply(0);
            q.putNowait("data");
            q.putNowait("data");
            Task<Void> joinTask = AsyncIO.createTask(Coroutine.of(q::join));
            assertEquals("data", q.get());
            q.shutdown(true);
            assertEquals(0, q.qsize());
            AsyncIO.sleep(0);
            assertFalse(joinTask.done());
            assertShutDown(q);
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone);
            AsyncIO.sleep(0);
            assertTrue(joinTask.done());
            joinTask.await();
        });
    }

    /** Lib/test/test_asyncio/test_queues.py::_QueueShutdownTestMixin::test_format */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void format(String kind, IntFunction<Queue<String>> make) {
        Queue<String> q = make.apply(0);
        q.shutdown();
        assertEquals("<" + kind + " maxsize=0 shutdown>", q.toString());
    }
}
