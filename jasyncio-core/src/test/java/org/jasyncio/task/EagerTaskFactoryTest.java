package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.context.ContextVar;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_eager_task_factory.py (the scenarios the task API relies on). */
class EagerTaskFactoryTest {

    /**
     * The order asyncio 3.13 shows on this machine: the child runs up to its first
     * suspension inside createTask, the creator goes on before anything else, and a
     * callback scheduled earlier runs before the child's second step.
     */
    @Test
    void childRunsToItsFirstSuspensionThenTheCreatorGoesOn() {
        List<Object> log = InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(Task.eagerTaskFactory());
            List<Object> l = new ArrayList<>();
            AsyncIO.getRunningLoop().callSoon(() -> l.add("cb"));
            Task<Integer> t = AsyncIO.createTask(() -> {
                l.add("b1");
                AsyncIO.sleep(0);
                l.add("b2");
                return 2;
            });
            l.add("after create " + t.done());
            AsyncIO.sleep(0);
            l.add("after sleep " + t.done());
            t.await();
            return l;
        });
        assertEquals(List.of("b1", "after create false", "cb", "b2", "after sleep true"), log);
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_completion */
    @Test
    void aCoroutineThatNeverWaitsIsDoneWhenCreateTaskReturns() {
        InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(Task.eagerTaskFactory());
            Task<String> t = AsyncIO.createTask(() -> "hello");
            assertTrue(t.done());
            assertEquals("hello", t.result());
        });
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_block_after_eager_step */
    @Test
    void blockingAfterTheEagerStep() {
        InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(Task.eagerTaskFactory());
            Task<String> t = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0.01);
                return "finished";
            });
            assertFalse(t.done());
            assertEquals("finished", t.await());
        });
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_current_task */
    @Test
    void currentTaskInsideTheEagerStepIsTheChild() {
        InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(Task.eagerTaskFactory());
            Task<?> parent = Task.current();
            Object[] seen = new Object[2];
            Task<Void> t = AsyncIO.createTask(Coroutine.of(() -> {
                seen[0] = Task.current();
                AsyncIO.sleep(0);
                seen[1] = Task.current();
            }));
            assertSame(t, seen[0]);
            assertSame(parent, Task.current());
            t.await();
            assertSame(t, seen[1]);
        });
    }

    /** Lib/test/test_asyncio/test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_context_vars */
    @Test
    void theEagerStepRunsInTheTasksOwnCopyOfTheContext() {
        ContextVar<Integer> cv = new ContextVar<>("cv", 0);
        InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(Task.eagerTaskFactory());
            cv.set(1);
            int[] seen = new int[3];
            Task<Void> t = AsyncIO.createTask(Coroutine.of(() -> {
                seen[0] = cv.get();
                cv.set(2);
                AsyncIO.sleep(0);
                seen[1] = cv.get();
                cv.set(3);
            }));
            seen[2] = cv.get();
            t.await();
            assertEquals(1, seen[0]);
            assertEquals(2, seen[1]);
            assertEquals(1, seen[2]);
            assertEquals(1, cv.get());
        });
    }
}
