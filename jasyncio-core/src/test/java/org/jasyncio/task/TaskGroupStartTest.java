package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.sync.Event;
import org.jasyncio.testing.InLoop;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskGroup#start}: Trio's {@code nursery.start} (scenarios after trio's
 * {@code test_nursery_start*} in trio/_core/_tests/test_run.py), beyond asyncio.
 */
class TaskGroupStartTest {

    @Test
    void startReturnsWhatTheChildSaysOnceReadyAndTheGroupWaitsForTheRest() {
        List<String> log = new ArrayList<>();
        InLoop.run(() -> AsyncIO.taskGroup(tg -> {
            int port = tg.start(status -> {
                log.add("child setting up");
                AsyncIO.sleep(0.01);
                status.started(8080);
                log.add("child serving");
                AsyncIO.sleep(0.01);
                log.add("child done");
            });
            log.add("started on " + port);
        }));
        // started() does not suspend the child (as in Trio): it runs on to its next wait.
        assertEquals(List.of("child setting up", "child serving", "started on 8080", "child done"), log);
    }

    @Test
    void aFailureBeforeReadyIsThrownByStartAndLeavesTheGroupAlone() {
        InLoop.run(() -> AsyncIO.taskGroup(tg -> {
            Task<Integer> sibling = tg.createTask(() -> {
                AsyncIO.sleep(0.02);
                return 7;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tg.start(status -> {
                AsyncIO.sleep(0);
                throw new IllegalStateException("cannot bind");
            }));
            assertEquals("cannot bind", e.getMessage());
            assertEquals(7, sibling.await());
            assertEquals(0, Task.current().cancelling());
        }));
    }

    @Test
    void aChildThatNeverSaysReadyIsAnError() {
        InLoop.run(() -> AsyncIO.taskGroup(tg -> {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> tg.start(status -> AsyncIO.sleep(0)));
            assertTrue(e.getMessage().contains("without calling status.started()"), e.getMessage());
        }));
    }

    @Test
    void aFailureAfterReadyFailsTheGroup() {
        InLoop.run(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> AsyncIO.taskGroup(tg -> {
                tg.start(status -> {
                    status.started();
                    AsyncIO.sleep(0.01);
                    throw new ArithmeticException("later");
                });
                AsyncIO.sleep(10);   // cancelled by the group
            }));
            assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
        });
    }

    @Test
    void cancellingTheCallerCancelsAndAwaitsTheChild() {
        InLoop.run(() -> {
            boolean[] childCleanedUp = {false};
            Event inside = new Event();
            Task<Void> caller = AsyncIO.createTask(Coroutine.of(() -> AsyncIO.taskGroup(tg -> tg.start(status -> {
                try {
                    inside.set();
                    AsyncIO.sleep(10);
                } finally {
                    AsyncIO.sleep(0.01);   // cleanup that itself waits
                    childCleanedUp[0] = true;
                }
            }))));
            inside.await();
            caller.cancel();
            assertThrows(CancelledException.class, caller::await);
            assertTrue(childCleanedUp[0]);
        });
    }

    @Test
    void startedTwiceIsRefused() {
        InLoop.run(() -> AsyncIO.taskGroup(tg -> {
            boolean[] refused = {false};
            tg.start(status -> {
                status.started("once");
                refused[0] = assertThrows(IllegalStateException.class, () -> status.started("twice")) != null;
            });
            AsyncIO.sleep(0);
            assertTrue(refused[0]);
        }));
    }

    @Test
    void worksWithTheEagerTaskFactory() {
        InLoop.run(() -> {
            AsyncIO.getRunningLoop().setTaskFactory(AsyncIO.eagerTaskFactory());
            AsyncIO.taskGroup(tg -> {
                String v = tg.start(status -> status.started("at once"));
                assertEquals("at once", v);
            });
        });
    }

    @Test
    void startOnAGroupNotEnteredIsRefused() {
        InLoop.run(() -> {
            TaskGroup tg = new TaskGroup();
            assertThrows(IllegalStateException.class, () -> tg.start(status -> status.started()));
            assertFalse(tg.toString().contains("entered"));
        });
    }
}
