package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.stream.Collectors;

import org.jasyncio.AsyncIO;
import org.jasyncio.context.Context;
import org.jasyncio.context.ContextVar;
import org.jasyncio.sync.Event;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_taskgroups.py. */
@SuppressWarnings("finally")   // finally blocks that throw mirror the asyncio tests
class TaskGroupTest {

    static final class MyExc extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Set<Class<?>> errorTypes(ExceptionGroup eg) {
        return eg.exceptions().stream().map(Object::getClass).collect(Collectors.toSet());
    }

    private static Coroutine<Integer> sleepThen(double seconds, int result) {
        return () -> {
            AsyncIO.sleep(seconds);
            return result;
        };
    }

    private static Coroutine<Void> crashAfter(double seconds) {
        return () -> {
            AsyncIO.sleep(seconds);
            throw new ArithmeticException("/ by zero");
        };
    }

    /** asyncio's {@code try: await sleep(10) finally: 1 / 0}. */
    private static Coroutine<Void> crashInCleanup() {
        return () -> {
            try {
                AsyncIO.sleep(10);
            } finally {
                throw new ArithmeticException("/ by zero");
            }
        };
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_01 */
    @Test
    void waitsForEveryTask() {
        InLoop.run(() -> {
            Object[] t = new Object[2];
            AsyncIO.taskGroup(g -> {
                t[0] = g.createTask(sleepThen(0.01, 42));
                t[1] = g.createTask(sleepThen(0.02, 11));
            });
            assertEquals(42, ((Task<?>) t[0]).result());
            assertEquals(11, ((Task<?>) t[1]).result());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_02 */
    @Test
    void tasksAddedWhileTheBodyRuns() {
        InLoop.run(() -> {
            Object[] t = new Object[2];
            AsyncIO.taskGroup(g -> {
                t[0] = g.createTask(sleepThen(0.01, 42));
                AsyncIO.sleep(0.015);
                t[1] = g.createTask(sleepThen(0.02, 11));
            });
            assertEquals(42, ((Task<?>) t[0]).result());
            assertEquals(11, ((Task<?>) t[1]).result());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_03 */
    @Test
    void aTaskCancelledExplicitlyDoesNotStopTheGroup() {
        InLoop.run(() -> {
            Object[] t = new Object[2];
            AsyncIO.taskGroup(g -> {
                Task<Integer> t1 = g.createTask(sleepThen(1, 42));
                t[0] = t1;
                AsyncIO.sleep(0.015);
                t1.cancel();
                t[1] = g.createTask(sleepThen(0.02, 11));
            });
            assertTrue(((Task<?>) t[0]).cancelled());
            assertEquals(11, ((Task<?>) t[1]).result());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_04 */
    @Test
    void aFailureCancelsTheOthers() {
        InLoop.run(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            Object[] t2 = new Object[1];
            Task<Void> runner = AsyncIO.createTask(Coroutine.of(() -> {
                AsyncIO.taskGroup(g -> {
                    g.createTask(crashAfter(0.01));
                    t2[0] = g.createTask(Coroutine.of(() -> {
                        try {
                            AsyncIO.sleep(1);
                        } catch (CancelledException c) {
                            t2Cancel[0] = true;
                            throw c;
                        }
                        num[0] += 1;
                    }));
                });
                num[0] += 10;
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, runner::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(0, num[0]);
            assertTrue(t2Cancel[0]);
            assertTrue(((Task<?>) t2[0]).cancelled());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_cancel_children_on_child_error */
    @Test
    void aFailureCancelsTheChildrenAndTheBody() {
        InLoop.run(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            boolean[] runnerCancel = {false};
            Task<Void> runner = AsyncIO.createTask(Coroutine.of(() -> {
                AsyncIO.taskGroup(g -> {
                    g.createTask(crashAfter(0.01));
                    g.createTask(crashAfter(0.01));
                    g.createTask(crashAfter(0.01));
                    g.createTask(Coroutine.of(() -> {
                        try {
                            AsyncIO.sleep(5);
                        } catch (CancelledException c) {
                            t2Cancel[0] = true;
                            throw c;
                        }
                        num[0] += 1;
                    }));
                    try {
                        AsyncIO.sleep(10);
                    } catch (CancelledException c) {
                        runnerCancel[0] = true;
                        throw c;
                    }
                });
                num[0] += 10;
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, runner::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(0, num[0]);
            assertTrue(t2Cancel[0]);
            assertTrue(runnerCancel[0]);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_cancellation */
    @Test
    void cancellingTheParentCancelsTheChildren() {
        InLoop.run(() -> {
            int[] num = {0};
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(Coroutine.of(() -> {
                        try {
                            AsyncIO.sleep(5);
                        } catch (CancelledException c) {
                            num[0] += 1;
                            throw c;
                        }
                    }));
                }
            })));
            AsyncIO.sleep(0.05);
            assertFalse(r.done());
            r.cancel();
            assertThrows(CancelledException.class, r::await);
            assertEquals(5, num[0]);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_07 */
    @Test
    void cancellingTheParentCancelsTheBodyAndTheChildren() {
        InLoop.run(() -> {
            int[] num = {0};
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(Coroutine.of(() -> {
                        try {
                            AsyncIO.sleep(5);
                        } catch (CancelledException c) {
                            num[0] += 1;
                            throw c;
                        }
                    }));
                }
                try {
                    AsyncIO.sleep(10);
                } catch (CancelledException c) {
                    num[0] += 10;
                    throw c;
                }
            })));
            AsyncIO.sleep(0.05);
            assertFalse(r.done());
            r.cancel();
            assertThrows(CancelledException.class, r::await);
            assertEquals(15, num[0]);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_08 */
    @Test
    void failuresWhileCancellingWinOverTheCancellation() {
        InLoop.run(() -> {
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(crashInCleanup());
                }
                AsyncIO.sleep(10);
            })));
            AsyncIO.sleep(0.05);
            assertFalse(r.done());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(5, eg.exceptions().size());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_09 and test_taskgroup_10 */
    @Test
    void theBodysFailureCancelsTheChildren() {
        for (boolean sleepFirst : new boolean[] {true, false}) {
            InLoop.run(() -> {
                Object[] t = new Object[2];
                try {
                    AsyncIO.taskGroup(g -> {
                        t[0] = g.createTask(sleepThen(1, 42));
                        t[1] = g.createTask(sleepThen(2, 11));
                        if (sleepFirst) {
                            AsyncIO.sleep(0.01);
                        }
                        throw new ArithmeticException("/ by zero");
                    });
                    fail("ExceptionGroup was not raised");
                } catch (ExceptionGroup eg) {
                    assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
                }
                assertTrue(((Task<?>) t[0]).cancelled());
                assertTrue(((Task<?>) t[1]).cancelled());
            });
        }
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_11 and test_taskgroup_12 */
    @Test
    void nestedGroupsNestTheirFailures() {
        for (boolean outerChild : new boolean[] {false, true}) {
            InLoop.run(() -> {
                Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g1 -> {
                    if (outerChild) {
                        g1.createTask(Coroutine.of(() -> AsyncIO.sleep(10)));
                    }
                    AsyncIO.taskGroup(g2 -> {
                        for (int i = 0; i < 5; i++) {
                            g2.createTask(crashInCleanup());
                        }
                        AsyncIO.sleep(10);
                    });
                })));
                AsyncIO.sleep(0.05);
                assertFalse(r.done());
                r.cancel();
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
                assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
                assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
            });
        }
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_13 */
    @Test
    void outerChildFailsFirst() {
        InLoop.run(() -> {
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g1 -> {
                g1.createTask(crashAfter(0.01));
                AsyncIO.taskGroup(g2 -> g2.createTask(crashAfter(10)));
            })));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_14 */
    @Test
    void innerChildFailsFirst() {
        InLoop.run(() -> {
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g1 -> {
                g1.createTask(crashAfter(10));
                AsyncIO.taskGroup(g2 -> g2.createTask(crashAfter(0.01)));
            })));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_15 and test_taskgroup_16 */
    @Test
    void aChildFailsWhileTheCancelledBodyCleansUp() {
        for (boolean nested : new boolean[] {false, true}) {
            InLoop.run(() -> {
                Coroutine<Void> runner = Coroutine.of(() -> AsyncIO.taskGroup(g1 -> {
                    g1.createTask(crashAfter(0.1));
                    try {
                        AsyncIO.sleep(10);
                    } catch (CancelledException c) {
                        AsyncIO.sleep(0.3);
                        throw c;
                    }
                }));
                Task<Void> r = AsyncIO.createTask(nested ? () -> AsyncIO.createTask(runner).await() : runner);
                AsyncIO.sleep(0.02);
                assertFalse(r.done());
                r.cancel();
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
                assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            });
        }
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_17 */
    @Test
    void anEmptyGroupPassesTheCancellationOn() {
        InLoop.run(() -> {
            int[] num = {0};
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                try {
                    AsyncIO.sleep(10);
                } catch (CancelledException c) {
                    num[0] += 10;
                    throw c;
                }
            })));
            AsyncIO.sleep(0.02);
            assertFalse(r.done());
            r.cancel();
            assertThrows(CancelledException.class, r::await);
            assertEquals(10, num[0]);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_18 */
    @Test
    void anExceptionInsteadOfTheCancellationIsCollected() {
        InLoop.run(() -> {
            int[] num = {0};
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                try {
                    AsyncIO.sleep(10);
                } catch (CancelledException c) {
                    num[0] += 10;
                    throw new MyExc();   // not a good idea, but supported
                }
            })));
            AsyncIO.sleep(0.02);
            assertFalse(r.done());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(MyExc.class), errorTypes(eg));
            assertEquals(10, num[0]);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_19 */
    @Test
    void theBodysFailureJoinsTheChildsFailure() {
        InLoop.run(() -> {
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                g.createTask(crashAfter(0.01));
                try {
                    AsyncIO.sleep(10);
                } finally {
                    throw new MyExc();
                }
            })));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(eg));
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_20 (KeyboardInterrupt: a VirtualMachineError here) */
    @Test
    void aVirtualMachineErrorOfTheBodyGoesOnAlone() {
        InLoop.run(() -> {
            assertThrows(InternalError.class, () -> AsyncIO.taskGroup(g -> {
                g.createTask(crashAfter(0.01));
                try {
                    AsyncIO.sleep(10);
                } finally {
                    throw new InternalError("interrupt");
                }
            }));
            Task.current().uncancel();
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_20a and test_taskgroup_21a (BaseExceptionGroup) */
    @Test
    void otherErrorsAreCollectedLikeExceptions() {
        InLoop.run(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(g -> {
                g.createTask(() -> {
                    AsyncIO.sleep(0.01);
                    throw new AssertionError("base");
                });
                try {
                    AsyncIO.sleep(10);
                } finally {
                    throw new ClassCastException("type");
                }
            }));
            assertEquals(Set.of(AssertionError.class, ClassCastException.class), errorTypes(eg));
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_22 */
    @Test
    void cancellingWhileWaitingForTheChildren() {
        InLoop.run(() -> {
            Task<Void> r = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(g -> {
                g.createTask(sleepThen(1, 42));
                g.createTask(sleepThen(2, 11));
            })));
            AsyncIO.sleep(0.02);
            r.cancel();
            assertThrows(CancelledException.class, r::await);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_24 */
    @Test
    void childrenAddTasksToTheGroup() {
        InLoop.run(() -> AsyncIO.taskGroup(g -> g.createTask(Coroutine.of(() -> {
            AsyncIO.sleep(0.01);
            g.createTask(Coroutine.of(() -> AsyncIO.sleep(0.01)));
            g.createTask(Coroutine.of(() -> AsyncIO.sleep(0.02)));
        }))));
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_25 */
    @Test
    void hydraAndHercules() {
        InLoop.run(() -> {
            int[] nhydras = {0};
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(g -> {
                class Hydra implements Coroutine<Void> {
                    @Override
                    public Void run() {
                        nhydras[0]++;
                        AsyncIO.sleep(0.01);
                        g.createTask(new Hydra());
                        g.createTask(new Hydra());
                        return null;
                    }
                }
                g.createTask(new Hydra());
                g.createTask(() -> {
                    while (nhydras[0] < 10) {
                        AsyncIO.sleep(0.015);
                    }
                    throw new ArithmeticException("/ by zero");
                });
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(nhydras[0] >= 10);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_task_name */
    @Test
    void taskName() {
        InLoop.run(() -> AsyncIO.taskGroup(g -> {
            Task<Void> t = g.createTask(Coroutine.of(() -> AsyncIO.sleep(0)), "yolo");
            assertEquals("yolo", t.getName());
        }));
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_task_context */
    @Test
    void taskContext() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        InLoop.run(() -> AsyncIO.taskGroup(g -> {
            Context ctx = Context.copyCurrent();
            assertEquals(null, ctx.get(cvar));
            g.createTask(Coroutine.of(() -> {
                AsyncIO.sleep(0);
                cvar.set(1);
            }), null, ctx).await();
            assertEquals(1, ctx.get(cvar));
            g.createTask(Coroutine.of(() -> {
                AsyncIO.sleep(0);
                cvar.set(2);
            }), null, ctx).await();
            assertEquals(2, ctx.get(cvar));
        }));
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_no_create_task_after_failure */
    @Test
    void noNewTasksAfterAFailure() {
        InLoop.run(() -> {
            boolean[] refused = {false};
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(g -> {
                g.createTask(crashAfter(0.001));
                g.createTask(Coroutine.of(() -> {
                    try {
                        AsyncIO.sleep(1);
                    } catch (CancelledException c) {
                        assertThrows(IllegalStateException.class, () -> g.createTask(crashAfter(0.001)));
                        refused[0] = true;
                    }
                }));
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(refused[0]);
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_context_manager_exit_raises */
    @Test
    void anExceptionReplacingTheGroupsCancellationIsCollected() {
        final class CustomException extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        InLoop.run(() -> {
            Task<Void> main = AsyncIO.createTask(Coroutine.of(() -> {
                Task<?> task = Task.current();
                try {
                    AsyncIO.taskGroup(tg -> {
                        try {   // asyncio's "async with database():" whose exit raises
                            tg.createTask(() -> {
                                throw new CustomException();
                            });
                            AsyncIO.sleep(1);
                        } finally {
                            throw new CustomException();
                        }
                    });
                    fail("CustomException not raised");
                } catch (ExceptionGroup err) {
                    assertEquals(0, task.cancelling());
                    assertEquals(2, err.exceptions().size());
                }
            }));
            main.await();
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_already_entered and test_taskgroup_double_enter */
    @Test
    void enteringTwiceIsRefused() {
        InLoop.run(() -> {
            TaskGroup tg = new TaskGroup();
            tg.run(g -> assertTrue(assertThrows(IllegalStateException.class, () -> tg.run(x -> { }))
                    .getMessage().contains("has already been entered")));
            assertTrue(assertThrows(IllegalStateException.class, () -> tg.run(x -> { }))
                    .getMessage().contains("has already been entered"));
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_finished and test_taskgroup_not_entered */
    @Test
    void createTaskOutsideTheGroupIsRefused() {
        InLoop.run(() -> {
            TaskGroup fresh = new TaskGroup();
            assertTrue(assertThrows(IllegalStateException.class, () -> fresh.createTask(() -> 1))
                    .getMessage().contains("has not been entered"));
            TaskGroup tg = new TaskGroup();
            tg.run(g -> { });
            assertTrue(assertThrows(IllegalStateException.class, () -> tg.createTask(() -> 1))
                    .getMessage().contains("is finished"));
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_taskgroup_without_parent_task */
    @Test
    void outsideATaskIsRefused() {
        TaskGroup tg = new TaskGroup();
        assertTrue(assertThrows(IllegalStateException.class, () -> tg.run(g -> { })).getMessage().contains("task"));
        assertTrue(assertThrows(IllegalStateException.class, () -> tg.createTask(() -> 1))
                .getMessage().contains("has not been entered"));
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_cancelling_level_preserved */
    @Test
    void cancellingLevelPreserved() {
        InLoop.run(() -> {
            try {
                AsyncIO.taskGroup(tg -> tg.createTask(() -> {
                    AsyncIO.sleep(0);
                    throw new IllegalStateException();
                }));
            } catch (ExceptionGroup expected) {
                // except* RuntimeError
            }
            assertEquals(0, Task.current().cancelling());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_nested_groups_both_cancelled */
    @Test
    void nestedGroupsBothCancelled() {
        InLoop.run(() -> {
            ExceptionGroup outer = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(outerTg -> {
                ExceptionGroup inner = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(innerTg -> {
                    innerTg.createTask(() -> {
                        AsyncIO.sleep(0);
                        throw new IllegalStateException("runtime");
                    });
                    outerTg.createTask(() -> {
                        AsyncIO.sleep(0);
                        throw new IllegalArgumentException("value");
                    });
                }));
                assertEquals(Set.of(IllegalStateException.class), errorTypes(inner));
                assertEquals(1, Task.current().cancelling());
            }));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(outer));
            assertEquals(0, Task.current().cancelling());
        });
    }

    /** Lib/test/test_asyncio/test_taskgroups.py::TestTaskGroup::test_error_and_cancel */
    @Test
    void aFailureAndAnOutsideCancellationTogether() {
        InLoop.run(() -> {
            Event event = new Event();
            Task<Void> t = AsyncIO.createTask(Coroutine.of(() -> {
                try {
                    AsyncIO.taskGroup(tg -> {
                        tg.createTask(() -> {
                            event.set();
                            AsyncIO.sleep(0);
                            throw new IllegalStateException();
                        });
                        AsyncIO.sleep(1);
                        fail("Sleep in group should have been cancelled");
                    });
                } catch (ExceptionGroup eg) {
                    assertEquals(1, Task.current().cancelling());
                }
                assertEquals(1, Task.current().cancelling());
                AsyncIO.sleep(1);
                fail("Sleep after group should have been cancelled");
            }));
            event.await();
            assertEquals(0, t.cancelling());
            t.cancel();
            assertEquals(1, t.cancelling());
            assertThrows(CancelledException.class, t::await);
            assertTrue(t.cancelled());
        });
    }

    /** A child failing with a CancelledException it raised itself counts as cancelled, not failed. */
    @Test
    void aChildEndingCancelledIsNotAFailure() {
        InLoop.run(() -> AsyncIO.taskGroup(tg -> {
            Task<Void> t = tg.createTask(() -> {
                throw new CancelledException("by itself");
            });
            AsyncIO.sleep(0);
            assertTrue(t.cancelled());
        }));
    }

    /** The failure carries every cause: getCause is the first, the rest are suppressed. */
    @Test
    void theExceptionGroupKeepsEveryCause() {
        InLoop.run(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(tg -> {
                tg.createTask(() -> {
                    throw new IllegalStateException("one");
                });
                tg.createTask(() -> {
                    throw new IllegalArgumentException("two");
                });
            }));
            assertEquals(2, eg.exceptions().size());
            assertInstanceOf(IllegalStateException.class, eg.getCause());
            assertEquals(1, eg.getSuppressed().length);
            assertTrue(eg.getMessage().startsWith("unhandled errors in a TaskGroup (2 sub-exceptions)"),
                    eg.getMessage());
        });
    }
}
