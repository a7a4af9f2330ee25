package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.context.ContextVar;
import org.jasyncio.internal.core.BaseLoop.SchedulerChoice;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TaskFactory;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.testing.Schedulers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The eager task factory (asyncio 3.12): CPython's test_eager_task_factory, on both task
 * schedulers; the interleaving checked against CPython 3.12/3.13.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Schedulers#both")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EagerTaskTest {
    @Parameter
    SchedulerChoice scheduler;

    private LoopFixture fixture;
    private EventLoop loop;
    private final List<Object> log = new ArrayList<>();

    @BeforeEach
    void open() {
        fixture = new LoopFixture(Schedulers.newLoop(scheduler));
        loop = fixture.loop;
        loop.setTaskFactory(Task.eagerTaskFactory());
    }

    @AfterEach
    void close() {
        fixture.close();
        fixture.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_task_factory_set */
    @Test
    void theFactoryIsInstalledAndNullRestoresTheDefault() {
        TaskFactory factory = loop.getTaskFactory();
        assertTrue(factory != null);
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
        Task<Integer> lazy = loop.runUntilComplete(() -> loop.createTask(() -> 1));
        assertEquals(1, loop.runUntilComplete(lazy));
        loop.setTaskFactory(factory);
        assertSame(factory, loop.getTaskFactory());
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_completion */
    @Test
    void aTaskThatNeverWaitsIsDoneWhenCreateTaskReturns() {
        String r = loop.runUntilComplete(() -> {
            Task<String> t = loop.createTask(() -> "hello");
            assertTrue(t.done(), "the eager step completed the task");
            return t.await();
        });
        assertEquals("hello", r);
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_await_future_during_eager_step */
    @Test
    void theEagerStepCanCompleteAFutureTheCreatorAwaits() {
        String r = loop.runUntilComplete(() -> {
            Future<String> fut = loop.createFuture();
            Task<Void> t = loop.createTask(Coroutine.of(() -> fut.setResult("my message")));
            assertTrue(t.done());
            return fut.await();
        });
        assertEquals("my message", r);
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_block_after_eager_step */
    @Test
    void aTaskThatWaitsFinishesLater() {
        String r = loop.runUntilComplete(() -> {
            Task<String> t = loop.createTask(() -> AsyncIO.sleep(Duration.ofMillis(10), "finished after blocking"));
            assertFalse(t.done());
            String result = t.await();
            assertTrue(t.done());
            return result;
        });
        assertEquals("finished after blocking", r);
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_completion */
    @Test
    void aTaskDoneEagerlyCannotBeCancelled() {
        String r = loop.runUntilComplete(() -> {
            Task<String> t = loop.createTask(() -> "finished without blocking");
            assertFalse(t.cancel());
            String result = t.await();
            assertFalse(t.cancelled());
            return result;
        });
        assertEquals("finished without blocking", r);
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_step_blocks */
    @Test
    void aTaskBlockedAfterItsEagerStepCanBeCancelled() {
        CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(() -> {
            Task<String> t = loop.createTask(() -> AsyncIO.sleep(Duration.ofMillis(100), "finished after blocking"));
            t.cancel("cancellation message");
            assertTrue(t.cancelling() > 0);
            return t.await();
        }));
        assertEquals("cancellation message", e.getMessage());
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_current_task */
    @Test
    void theEagerStepRunsAsTheNewTask() {
        Task<?>[] captured = new Task<?>[1];
        loop.runUntilComplete(Coroutine.of(() -> {
            Task<?> parent = Task.current();
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                captured[0] = Task.current();
                AsyncIO.sleep(Duration.ofMillis(1));
                assertSame(captured[0], Task.current());
            }));
            assertSame(t, captured[0]);
            assertSame(parent, Task.current(), "the creator is current again after the eager step");
            t.await();
        }));
    }

    /**
     * Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_eager_completion
     * and ::test_all_tasks_with_blocking
     */
    @Test
    void allTasksDuringAndAfterTheEagerStep() {
        loop.runUntilComplete(Coroutine.of(() -> {
            Set<?>[] captured = new Set<?>[1];
            Task<Void> quick = loop.createTask(Coroutine.of(() -> captured[0] = AsyncIO.allTasks()));
            assertTrue(captured[0].contains(quick));
            assertFalse(AsyncIO.allTasks().contains(quick));

            Future<Void> fut1 = loop.createFuture();
            Future<Void> fut2 = loop.createFuture();
            Task<Void> blocking = loop.createTask(Coroutine.of(() -> {
                captured[0] = AsyncIO.allTasks();
                fut1.await();
                fut2.setResult(null);
            }));
            assertTrue(captured[0].contains(blocking));
            assertTrue(AsyncIO.allTasks().contains(blocking));
            fut1.setResult(null);
            fut2.await();
            AsyncIO.sleep(0);
            assertFalse(AsyncIO.allTasks().contains(blocking));
        }));
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_context_vars */
    @Test
    void theEagerStepRunsInACopyOfTheCreatorsContext() {
        ContextVar<Integer> cv = new ContextVar<>("cv", 0);
        loop.runUntilComplete(Coroutine.of(() -> {
            cv.set(1);
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                assertEquals(1, cv.get());
                cv.set(2);
                log.add("first step");
                AsyncIO.sleep(Duration.ofMillis(1));
                assertEquals(2, cv.get());
                cv.set(3);
                log.add("second step");
            }));
            assertEquals(List.of("first step"), log);
            assertEquals(1, cv.get());
            t.await();
            assertEquals(List.of("first step", "second step"), log);
            assertEquals(1, cv.get());
        }));
    }

    /**
     * Eager tasks started from a task and from a plain callback interleave with callbacks
     * exactly as in CPython 3.12/3.13 (the same scenario in Python prints this list).
     */
    @Test
    void eagerStartsFromATaskAndFromACallbackInterleaveAsInCpython() {
        loop.runUntilComplete(Coroutine.of(() -> {
            loop.callSoon(() -> log.add("cb-before"));
            Task<String> c1 = loop.createTask(child("c1"));
            log.add("after create c1 done=" + c1.done());
            Task<Integer> quick = loop.createTask(() -> {
                log.add("quick ran");
                return 5;
            });
            log.add("after create quick done=" + quick.done() + " result=" + quick.result());
            AsyncIO.sleep(0);
            log.add("main after sleep0");
            c1.await();
            @SuppressWarnings("unchecked")
            Task<String>[] holder = new Task[1];
            loop.callSoon(() -> {
                holder[0] = loop.createTask(child("c2"));
                log.add("cb after create c2 done=" + holder[0].done());
            });
            loop.callSoon(() -> log.add("cb-after"));
            AsyncIO.sleep(0);
            log.add("main after sleep0 #2");
            holder[0].await();
            log.add("end");
        }));
        assertEquals(List.of("c1 start", "after create c1 done=false", "quick ran",
                "after create quick done=true result=5", "cb-before", "c1 end", "main after sleep0", "c2 start",
                "cb after create c2 done=false", "cb-after", "main after sleep0 #2", "c2 end", "end"), log);
    }

    private Coroutine<String> child(String name) {
        return () -> {
            log.add(name + " start");
            AsyncIO.sleep(0);
            log.add(name + " end");
            return name;
        };
    }

    /** Outside a running loop an eager task starts lazily, like asyncio's eager_start without a running loop. */
    @Test
    void anEagerTaskCreatedBeforeTheLoopRunsStartsLazily() {
        Task<String> t = loop.createTask(() -> {
            log.add("ran");
            return "lazy";
        });
        assertFalse(t.done());
        assertEquals(List.of(), log);
        assertEquals("lazy", loop.runUntilComplete(t));
    }
}
