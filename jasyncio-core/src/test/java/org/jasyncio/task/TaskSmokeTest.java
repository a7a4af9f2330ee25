package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.junit.jupiter.api.Test;

class TaskSmokeTest {
    @Test
    void childTaskCallbackAndCancellationInterleaveAsInAsyncio() {
        List<String> log = new ArrayList<>();
        int r = AsyncIO.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Task<Integer> t = loop.createTask(() -> {
                log.add("child start");
                AsyncIO.sleep(Duration.ofMillis(10));
                log.add("child end");
                return 41;
            });
            loop.callSoon(() -> log.add("cb"));
            log.add("main before await");
            int v = t.await();
            log.add("main after await " + v);
            Task<Void> c = loop.createTask(Coroutine.of(() -> AsyncIO.sleep(10)));
            AsyncIO.sleep(0);
            c.cancel("bye");
            try {
                c.await();
            } catch (CancelledException e) {
                log.add("cancelled: " + e.getMessage());
            }
            return v + 1;
        });
        assertEquals(42, r);
        assertEquals(List.of("main before await", "child start", "cb", "child end", "main after await 41",
                "cancelled: bye"), log);
    }

    @Test
    void awaitOutsideATaskSaysSo() {
        try (var f = new org.jasyncio.testing.LoopFixture()) {
            Future<Integer> fut = f.loop.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, fut::await);
            assertTrue(e.getMessage().contains("inside a task"), e.getMessage());
        }
    }
}
