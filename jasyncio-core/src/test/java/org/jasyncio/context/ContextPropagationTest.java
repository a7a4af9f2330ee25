package org.jasyncio.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {
    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_context_2 */
    @Test
    void doneCallbackRunsInACopyOfTheSchedulingContext() {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        try (LoopFixture f = new LoopFixture()) {
            EventLoop loop = f.loop;
            f.loop.runUntilComplete(() -> {
                assertEquals("nope", cvar.get());
                for (int j = 0; j < 2; j++) {
                    Future<Void> fut = loop.createFuture();
                    // This change must not pollute the context of the task.
                    fut.addDoneCallback(x -> cvar.set("something else"));
                    cvar.set("yes" + j);
                    loop.callSoon(() -> fut.setResult(null));
                    fut.await();
                    assertEquals("yes" + j, cvar.get());
                    for (int i = 0; i < 3; i++) {
                        cvar.set("yes" + i + "-" + j);
                        AsyncIO.sleep(0.001);
                        assertEquals("yes" + i + "-" + j, cvar.get());
                    }
                }
                return null;
            });
            f.assertNoErrors();
        }
        assertEquals("nope", cvar.get());
    }
}
