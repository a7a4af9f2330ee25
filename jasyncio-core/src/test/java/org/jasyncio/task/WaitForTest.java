package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_waitfor.py. */
@SuppressWarnings("finally")   // finally blocks that throw mirror the asyncio tests
class WaitForTest {
    /** A very small timeout: it passes "timeout > 0" but costs nothing (test_waitfor's _EPSILON). */
    private static final Duration EPSILON = Duration.ofNanos(100_000);

    /** Runs for TASK_TIMEOUT, ignoring cancellation (test_waitfor's SlowTask). */
    private static final class SlowTask {
        static final double TASK_TIMEOUT = 0.2;
        boolean exited;

        Void run() {
            long exitAt = System.nanoTime() + (long) (TASK_TIMEOUT * 1e9);
            while (true) {
                long toSleep = exitAt - System.nanoTime();
                if (toSleep <= 0) {
                    break;
                }
                try {
                    AsyncIO.sleep(Duration.ofNanos(toSleep));
                } catch (CancelledException ignored) {
                    // keeps running
                }
            }
            exited = true;
            return null;
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_asyncio_wait_for_cancelled */
    @Test
    void cancellingTheWaiterWaitsForTheInnerTask() {
        InLoop.run(() -> {
            SlowTask t = new SlowTask();
            Task<Void> waitForTask = AsyncIO.createTask(() -> AsyncIO.waitFor(t::run,
                    seconds(SlowTask.TASK_TIMEOUT * 2)));
            AsyncIO.sleep(0);
            waitForTask.cancel();
            AsyncIO.wait(java.util.List.of(waitForTask));
            assertTrue(t.exited);
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_asyncio_wait_for_timeout */
    @Test
    void timeoutWaitsForTheInnerTask() {
        InLoop.run(() -> {
            SlowTask t = new SlowTask();
            try {
                AsyncIO.waitFor(t::run, seconds(SlowTask.TASK_TIMEOUT / 2));
            } catch (TimeoutException expected) {
                // the task ignored the cancellation but was waited for
            }
            assertTrue(t.exited);
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_future_done */
    @Test
    void zeroTimeoutOnADoneFutureReturnsItsResult() {
        InLoop.run(() -> {
            Future<String> fut = AsyncIO.getRunningLoop().createFuture();
            fut.setResult("done");
            assertEquals("done", AsyncIO.waitFor(fut, Duration.ZERO));
            assertTrue(fut.done());
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started */
    @Test
    void zeroTimeoutNeverStartsTheCoroutine() {
        InLoop.run(() -> {
            boolean[] started = {false};
            assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(() -> {
                started[0] = true;
                return null;
            }, Duration.ZERO));
            assertFalse(started[0]);
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0 */
    @Test
    void zeroOrNegativeTimeoutCancelsARunningTask() {
        InLoop.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
                boolean[] running = {false};
                Future<Void> started = loop.createFuture();
                Task<String> fut = AsyncIO.createTask(() -> {
                    running[0] = true;
                    started.setResult(null);
                    try {
                        AsyncIO.sleep(10);
                    } finally {
                        running[0] = false;
                    }
                    return "done";
                });
                started.await();
                assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(fut, timeout));
                assertTrue(fut.done());
                assertTrue(fut.cancelled());
                assertFalse(running[0]);
            }
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for */
    @Test
    void timeoutCancelsTheTask() {
        InLoop.run(() -> {
            boolean[] running = {false};
            Task<String> fut = AsyncIO.createTask(() -> {
                running[0] = true;
                try {
                    AsyncIO.sleep(60);
                } finally {
                    running[0] = false;
                }
                return "done";
            });
            assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(fut, seconds(0.1)));
            assertTrue(fut.done());
            assertTrue(fut.cancelled());
            assertFalse(running[0]);
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_blocking */
    @Test
    void noTimeoutWaitsAsLongAsItTakes() {
        assertEquals("done", InLoop.run(() -> AsyncIO.waitFor(() -> "done", null)));
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_race_condition */
    @Test
    void resultArrivingSoonIsReturned() {
        assertEquals("ok", InLoop.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<String> fut = loop.createFuture();
            loop.callSoon(() -> fut.setResult("ok"));
            return AsyncIO.waitFor(fut, seconds(0.2));
        }));
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_cancellation_race_condition */
    @Test
    void innerTaskThatSwallowsTheCancellationReturnsItsValue() {
        assertEquals(1, InLoop.run(() -> AsyncIO.waitFor(() -> {
            assertThrows(CancelledException.class, () -> AsyncIO.sleep(1));
            return 1;
        }, seconds(0.01))));
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_waits_for_task_cancellation */
    @Test
    void waitsForTheTaskToFinishCancelling() {
        InLoop.run(() -> {
            boolean[] taskDone = {false};
            Task<Void> inner = AsyncIO.createTask(Coroutine.of(() -> {
                try {
                    AsyncIO.sleep(10);
                } catch (CancelledException c) {
                    AsyncIO.sleep(EPSILON);
                    throw c;
                } finally {
                    taskDone[0] = true;
                }
            }));
            TimeoutException e = assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(inner, EPSILON));
            assertTrue(taskDone[0]);
            assertInstanceOf(CancelledException.class, e.getCause());
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_waits_for_task_cancellation_w_timeout_0 */
    @Test
    void zeroTimeoutWaitsForTheTaskToFinishCancelling() {
        InLoop.run(() -> {
            boolean[] taskDone = {false};
            TimeoutException e = assertThrows(TimeoutException.class, () -> {
                Task<Void> inner = AsyncIO.createTask(Coroutine.of(() -> {
                    try {
                        AsyncIO.sleep(10);
                    } catch (CancelledException c) {
                        AsyncIO.sleep(EPSILON);
                        throw c;
                    } finally {
                        taskDone[0] = true;
                    }
                }));
                AsyncIO.sleep(EPSILON);
                AsyncIO.waitFor(inner, Duration.ZERO);
            });
            assertTrue(taskDone[0]);
            assertInstanceOf(CancelledException.class, e.getCause());
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_reraises_exception_during_cancellation */
    @Test
    void anExceptionRaisedWhileCancellingComesThrough() {
        final class FooException extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        InLoop.run(() -> {
            Task<Void> inner = AsyncIO.createTask(Coroutine.of(() -> {
                try {
                    AsyncIO.sleep(0.2);
                } finally {
                    throw new FooException();
                }
            }));
            assertThrows(FooException.class, () -> AsyncIO.waitFor(inner, EPSILON));
        });
    }

    private static void cancelWaitFor(Duration timeout) {
        InLoop.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Task<Void> task = AsyncIO.createTask(() -> {
                Future<Void> never = loop.createFuture();
                return never.await();
            });
            Task<Void> wait = AsyncIO.createTask(() -> AsyncIO.waitFor(task, timeout));
            loop.callSoon(() -> wait.cancel());
            assertThrows(CancelledException.class, wait::await);
            // Python issue #23219: cancelling the wait must also cancel the task
            assertTrue(task.cancelled());
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_cancel_blocking_wait_for */
    @Test
    void cancellingABlockingWaitForCancelsTheTask() {
        cancelWaitFor(null);
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_cancel_wait_for */
    @Test
    void cancellingAWaitForCancelsTheTask() {
        cancelWaitFor(Duration.ofSeconds(60));
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_cancel_suppressed */
    @Test
    void aSuppressedCancellationReturnsTheValue() {
        assertEquals(42, InLoop.run(() -> AsyncIO.waitFor(() -> {
            try {
                AsyncIO.sleep(10);
            } catch (CancelledException c) {
                return 42;
            }
            return 0;
        }, seconds(0.1))));
    }

    /** Lib/test/test_asyncio/test_waitfor.py::AsyncioWaitForTest::test_wait_for_issue86296 */
    @Test
    void theWaitingTaskIsCancelledEvenWhenTheInnerOneFinishedFirst() {
        InLoop.run(() -> {
            Task<String> inner = AsyncIO.createTask(() -> "done");
            boolean[] reachedEnd = {false};
            Task<Void> task = AsyncIO.createTask(Coroutine.of(() -> {
                AsyncIO.waitFor(inner, Duration.ofSeconds(100));
                AsyncIO.sleep(1);
                reachedEnd[0] = true;
            }));
            assertFalse(task.done());
            AsyncIO.sleep(0);
            task.cancel();
            assertThrows(CancelledException.class, task::await);
            assertTrue(inner.done());
            assertEquals("done", inner.await());
            assertFalse(reachedEnd[0]);
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::WaitForShieldTests::test_zero_timeout */
    @Test
    void shieldWithZeroTimeout() {
        InLoop.run(() -> {
            Task<String> task = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0.01);
                return "done";
            });
            Future<String> shielded = AsyncIO.shield(task);
            assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(shielded, Duration.ZERO));
            assertFalse(task.done());
            assertFalse(task.cancelled());
            assertTrue(shielded.cancelled());
            AsyncIO.sleep(0.1);
            assertTrue(task.done());
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::WaitForShieldTests::test_none_timeout */
    @Test
    void shieldWithoutTimeout() {
        InLoop.run(() -> {
            Task<String> task = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0.1);
                return "done";
            });
            AsyncIO.waitFor(AsyncIO.shield(task), null);
            assertTrue(task.done());
            assertEquals("done", task.await());
        });
    }

    /** Lib/test/test_asyncio/test_waitfor.py::WaitForShieldTests::test_shielded_timeout */
    @Test
    void shieldKeepsTheTaskRunningPastTheTimeout() {
        InLoop.run(() -> {
            Task<String> task = AsyncIO.createTask(() -> {
                AsyncIO.sleep(0.1);
                return "done";
            });
            assertThrows(TimeoutException.class, () -> AsyncIO.waitFor(AsyncIO.shield(task), seconds(0.01)));
            assertFalse(task.done());
            assertFalse(task.cancelled());
            assertEquals("done", task.await());
        });
    }
}
