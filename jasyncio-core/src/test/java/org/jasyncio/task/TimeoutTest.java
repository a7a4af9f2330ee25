package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.InLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_timeouts.py. */
@SuppressWarnings("finally")   // finally blocks that throw mirror the asyncio tests
class TimeoutTest {
    private static final Duration MS10 = Duration.ofMillis(10);

    /** Keeps the loop thread busy (asyncio's tests call time.sleep; Thread.sleep in a task would unmount). */
    private static void busy(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_basic */
    @Test
    void basic() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(MS10);
            assertThrows(TimeoutException.class, () -> cm.run(() -> AsyncIO.sleep(10)));
            assertTrue(cm.expired());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_at_basic */
    @Test
    void atBasic() {
        InLoop.run(() -> {
            double deadline = AsyncIO.getRunningLoop().time() + 0.01;
            Timeout cm = AsyncIO.timeoutAt(deadline);
            assertThrows(TimeoutException.class, () -> cm.run(() -> AsyncIO.sleep(10)));
            assertTrue(cm.expired());
            assertEquals(deadline, cm.when());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_nested_timeouts */
    @Test
    void onlyTheTopmostTimeoutRaises() {
        InLoop.run(() -> {
            double deadline = AsyncIO.getRunningLoop().time() + 0.01;
            boolean[] cancelled = {false};
            Timeout cm1 = AsyncIO.timeoutAt(deadline);
            Timeout cm2 = AsyncIO.timeoutAt(deadline);
            assertThrows(TimeoutException.class, () -> cm1.run(() -> {
                try {
                    cm2.run(() -> AsyncIO.sleep(10));
                } catch (CancelledException c) {
                    cancelled[0] = true;
                    throw c;
                }
            }));
            assertTrue(cancelled[0]);
            assertTrue(cm1.expired());
            assertTrue(cm2.expired());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_waiter_cancelled */
    @Test
    void theBodySeesACancellation() {
        InLoop.run(() -> {
            boolean[] cancelled = {false};
            assertThrows(TimeoutException.class, () -> AsyncIO.timeout(MS10, () -> {
                try {
                    AsyncIO.sleep(10);
                } catch (CancelledException c) {
                    cancelled[0] = true;
                    throw c;
                }
            }));
            assertTrue(cancelled[0]);
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_not_called */
    @Test
    void notExpired() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(Duration.ofSeconds(10));
            cm.run(() -> AsyncIO.sleep(0.01));
            double t1 = AsyncIO.getRunningLoop().time();
            assertFalse(cm.expired());
            assertTrue(cm.when() > t1);
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_disabled */
    @Test
    void disabled() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(null);
            cm.run(() -> AsyncIO.sleep(0.01));
            assertFalse(cm.expired());
            assertEquals(Double.POSITIVE_INFINITY, cm.when());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_at_disabled */
    @Test
    void atDisabled() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeoutAt(Double.POSITIVE_INFINITY);
            cm.run(() -> AsyncIO.sleep(0.01));
            assertFalse(cm.expired());
            assertEquals(Double.POSITIVE_INFINITY, cm.when());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_zero (and test_timeout_zero_sleep_zero) */
    @Test
    void zero() {
        for (double sleep : new double[] {10, 0}) {
            InLoop.run(() -> {
                EventLoop loop = AsyncIO.getRunningLoop();
                double t0 = loop.time();
                Timeout cm = AsyncIO.timeout(Duration.ZERO);
                assertThrows(TimeoutException.class, () -> cm.run(() -> AsyncIO.sleep(sleep)));
                double t1 = loop.time();
                assertTrue(cm.expired());
                assertTrue(t0 <= cm.when() && cm.when() <= t1);
            });
        }
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_in_the_past_sleep_zero */
    @Test
    void inThePast() {
        InLoop.run(() -> {
            double t0 = AsyncIO.getRunningLoop().time();
            Timeout cm = AsyncIO.timeout(Duration.ofSeconds(-11));
            assertThrows(TimeoutException.class, () -> cm.run(() -> AsyncIO.sleep(0)));
            assertTrue(cm.expired());
            assertTrue(cm.when() <= t0);
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_foreign_exception_passed */
    @Test
    void foreignExceptionPasses() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(MS10);
            assertThrows(IllegalArgumentException.class, () -> cm.run(() -> {
                throw new IllegalArgumentException("key");
            }));
            assertFalse(cm.expired());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_exception_context */
    @Test
    void timeoutIsCausedByTheCancellation() {
        InLoop.run(() -> {
            TimeoutException e = assertThrows(TimeoutException.class, () -> AsyncIO.timeout(MS10, () -> {
                try {
                    throw new ArithmeticException("/ by zero");
                } finally {
                    AsyncIO.sleep(1);
                }
            }));
            assertInstanceOf(CancelledException.class, e.getCause());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_foreign_exception_on_timeout */
    @Test
    void foreignExceptionOnTimeoutCarriesTheTimeout() {
        InLoop.run(() -> {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> AsyncIO.timeout(MS10, () -> {
                try {
                    AsyncIO.sleep(1);
                } finally {
                    throw new ArithmeticException("/ by zero");
                }
            }));
            assertEquals(1, e.getSuppressed().length);
            assertInstanceOf(TimeoutException.class, e.getSuppressed()[0]);
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_foreign_cancel_doesnt_timeout_if_not_expired */
    @Test
    void foreignCancellationIsNotATimeout() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(Duration.ofSeconds(10));
            assertThrows(CancelledException.class, () -> cm.run(() -> {
                Task.current().cancel();
                AsyncIO.sleep(10);
            }));
            assertFalse(cm.expired());
            Task.current().uncancel();
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_outer_task_is_not_cancelled */
    @Test
    void theTaskIsNotLeftCancelled() {
        InLoop.run(() -> {
            Task<Void> task = AsyncIO.createTask(Coroutine.of(() -> assertThrows(TimeoutException.class,
                    () -> AsyncIO.timeout(Duration.ofMillis(1), () -> AsyncIO.sleep(10)))));
            task.await();
            assertFalse(task.cancelled());
            assertTrue(task.done());
            assertEquals(0, task.cancelling());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_nested_timeouts_concurrent */
    @Test
    void nestedTimeoutsWithTheOuterOneDueFirst() {
        InLoop.run(() -> {
            assertThrows(TimeoutException.class, () -> AsyncIO.timeout(Duration.ofMillis(2), () -> {
                AsyncIO.timeout(Duration.ofMillis(100), () -> {
                    busy(0.01);   // pretend we crunch some numbers
                    AsyncIO.sleep(1);
                });
            }));
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_nested_timeouts_loop_busy */
    @Test
    void bothDueWhileTheLoopWasBusy() {
        try (LoopFixture f = new LoopFixture()) {
            f.loop.setSlowCallbackDuration(Duration.ofSeconds(10));
            f.loop.runUntilComplete(Coroutine.of(() -> {
                double t0 = f.loop.time();
                boolean[] innerCaught = {false};
                assertThrows(TimeoutException.class, () -> AsyncIO.timeout(Duration.ofMillis(100), () -> {
                    try {
                        AsyncIO.timeout(MS10, () -> {
                            busy(0.1);
                            AsyncIO.sleep(1);
                        });
                    } catch (TimeoutException e) {
                        innerCaught[0] = true;
                    }
                    AsyncIO.sleep(10);
                }));
                double t1 = f.loop.time();
                // As asyncio 3.13 on this machine: both deadlines fired in one iteration, so
                // the cancellation is two requests deep and the inner timeout lets it go on.
                assertFalse(innerCaught[0]);
                assertTrue(t1 <= t0 + 5, "took " + (t1 - t0));
            }));
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_reschedule */
    @Test
    void reschedule() {
        InLoop.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<Timeout> fut = loop.createFuture();
            double deadline1 = loop.time() + 10;
            double deadline2 = deadline1 + 20;
            Task<Void> task = AsyncIO.createTask(Coroutine.of(() -> {
                Timeout cm = AsyncIO.timeoutAt(deadline1);
                cm.run(() -> {
                    fut.setResult(cm);
                    AsyncIO.sleep(50);
                });
            }));
            Timeout cm = fut.await();
            assertEquals(deadline1, cm.when());
            cm.reschedule(deadline2);
            assertEquals(deadline2, cm.when());
            cm.reschedule(Double.POSITIVE_INFINITY);
            assertEquals(Double.POSITIVE_INFINITY, cm.when());
            task.cancel();
            assertThrows(CancelledException.class, task::await);
            assertFalse(cm.expired());
        });
    }

    /** Rescheduling shortens the deadline as well as lengthening it. */
    @Test
    void rescheduleEarlier() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(Duration.ofSeconds(10));
            assertThrows(TimeoutException.class, () -> cm.run(() -> {
                cm.reschedule(AsyncIO.getRunningLoop().time() + 0.01);
                AsyncIO.sleep(10);
            }));
            assertTrue(cm.expired());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_repr_active, test_repr_expired, test_repr_finished, test_repr_disabled */
    @Test
    void repr() {
        InLoop.run(() -> {
            Timeout active = AsyncIO.timeout(Duration.ofSeconds(10));
            active.run(() -> assertTrue(active.toString().matches("<Timeout \\[active\\] when=\\d+\\.\\d*>"),
                    active.toString()));
            assertEquals("<Timeout [finished]>", active.toString());
            Timeout expired = AsyncIO.timeout(MS10);
            assertThrows(TimeoutException.class, () -> expired.run(() -> AsyncIO.sleep(10)));
            assertEquals("<Timeout [expired]>", expired.toString());
            Timeout disabled = AsyncIO.timeout(null);
            disabled.run(() -> assertEquals("<Timeout [active] when=None>", disabled.toString()));
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_nested_timeout_in_finally */
    @Test
    void nestedTimeoutInFinally() {
        InLoop.run(() -> {
            TimeoutException[] inner = new TimeoutException[1];
            TimeoutException outer = assertThrows(TimeoutException.class, () -> AsyncIO.timeout(MS10, () -> {
                try {
                    AsyncIO.sleep(1);
                } finally {
                    inner[0] = assertThrows(TimeoutException.class,
                            () -> AsyncIO.timeout(MS10, () -> AsyncIO.sleep(10)));
                }
            }));
            assertInstanceOf(CancelledException.class, outer.getCause());
            assertInstanceOf(CancelledException.class, inner[0].getCause());
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_after_cancellation */
    @Test
    void timeoutInCleanupAfterACancellation() {
        InLoop.run(() -> {
            try {
                Task.current().cancel();
                AsyncIO.sleep(1);
            } catch (CancelledException expected) {
                // handled
            } finally {
                assertThrows(TimeoutException.class, () -> AsyncIO.timeout(Duration.ZERO, () -> AsyncIO.sleep(1)));
            }
            Task.current().uncancel();
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_cancel_in_timeout_after_cancellation */
    @Test
    void cancellationInsideATimeoutInCleanup() {
        InLoop.run(() -> {
            try {
                Task.current().cancel();
                AsyncIO.sleep(1);
            } catch (CancelledException expected) {
                // handled
            } finally {
                assertThrows(CancelledException.class, () -> AsyncIO.timeout(Duration.ofSeconds(1), () -> {
                    Task.current().cancel();
                    AsyncIO.sleep(2);
                }));
            }
            Task.current().uncancel();
            Task.current().uncancel();
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_already_entered */
    @Test
    void alreadyEntered() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(MS10);
            cm.run(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.run(() -> { }));
                assertTrue(e.getMessage().contains("has already been entered"));
            });
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_double_enter */
    @Test
    void doubleEnter() {
        InLoop.run(() -> {
            Timeout cm = AsyncIO.timeout(MS10);
            cm.run(() -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.run(() -> { }));
            assertTrue(e.getMessage().contains("has already been entered"));
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_finished, test_timeout_expired, test_timeout_expiring, test_timeout_not_entered */
    @Test
    void rescheduleOutsideTheBodyIsRefused() {
        InLoop.run(() -> {
            Timeout finished = AsyncIO.timeout(MS10);
            finished.run(() -> { });
            assertTrue(assertThrows(IllegalStateException.class, () -> finished.reschedule(0.02))
                    .getMessage().contains("finished"));

            Timeout expired = AsyncIO.timeout(MS10);
            assertThrows(TimeoutException.class, () -> expired.run(() -> AsyncIO.sleep(1)));
            assertTrue(assertThrows(IllegalStateException.class, () -> expired.reschedule(0.02))
                    .getMessage().contains("expired"));

            Timeout expiring = AsyncIO.timeout(MS10);
            expiring.run(() -> {
                assertThrows(CancelledException.class, () -> AsyncIO.sleep(1));
                assertTrue(assertThrows(IllegalStateException.class, () -> expiring.reschedule(0.02))
                        .getMessage().contains("expiring"));
            });

            Timeout notEntered = AsyncIO.timeout(MS10);
            assertTrue(assertThrows(IllegalStateException.class, () -> notEntered.reschedule(0.02))
                    .getMessage().contains("has not been entered"));
        });
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_without_task */
    @Test
    void withoutATask() {
        try (LoopFixture f = new LoopFixture()) {
            Timeout cm = new Timeout(f.loop.time() + 0.01);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.run(() -> { }));
            assertTrue(e.getMessage().contains("task"), e.getMessage());
            assertTrue(assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02))
                    .getMessage().contains("has not been entered"));
        }
    }

    /** Lib/test/test_asyncio/test_timeouts.py::TimeoutTests::test_timeout_taskgroup */
    @Test
    void taskGroupInsideATimeout() {
        InLoop.run(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> AsyncIO.timeout(MS10, () -> {
                AsyncIO.taskGroup(tg -> {
                    tg.createTask(Coroutine.of(() -> {
                        try {
                            AsyncIO.sleep(2);   // interrupted after 10 ms
                        } finally {
                            throw new ArithmeticException("crash in cleanup");
                        }
                    }));
                    try {
                        throw new IllegalArgumentException("value");
                    } finally {
                        AsyncIO.sleep(1);
                    }
                });
            }));
            assertEquals(1, eg.exceptions().size(), eg.toString());
            assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
            assertTrue(List.of(eg.getSuppressed()).stream().anyMatch(TimeoutException.class::isInstance));
        });
    }
}
