package org.jasyncio.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;
import org.jasyncio.testing.InLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/** Ports of Lib/test/test_asyncio/test_context.py and the context tests of test_tasks.py. */
class ContextInTasksTest {

    /**
     * Lib/test/test_asyncio/test_context.py::DecimalContextTest::test_asyncio_task_decimal_context.
     * Python's decimal module keeps its precision in a context variable; here the precision
     * lives in a ContextVar&lt;MathContext&gt; the same way.
     */
    @Test
    void eachTaskKeepsItsOwnPrecision() {
        ContextVar<MathContext> precision = new ContextVar<>("decimal", MathContext.DECIMAL128);
        record Pair(BigDecimal a, BigDecimal b) {
        }
        List<Pair> r = InLoop.run(() -> {
            class Fractions implements Coroutine<Pair> {
                final double t;
                final int prec;

                Fractions(double t, int prec) {
                    this.t = t;
                    this.prec = prec;
                }

                @Override
                public Pair run() {
                    precision.set(new MathContext(prec));
                    BigDecimal a = BigDecimal.ONE.divide(BigDecimal.valueOf(3), precision.get());
                    AsyncIO.sleep(t);
                    BigDecimal b = BigDecimal.ONE.divide(BigDecimal.valueOf(9), precision.get());
                    return new Pair(a, b);
                }
            }
            return AsyncIO.gather(new Fractions(0.01, 3), new Fractions(0.02, 6)).await();
        });
        assertEquals("0.333", r.get(0).a().toString());
        assertEquals("0.111", r.get(0).b().toString());
        assertEquals("0.333333", r.get(1).a().toString());
        assertEquals("0.111111", r.get(1).b().toString());
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_context_1 */
    @Test
    void aTaskRunsInACopyOfItsCreatorsContext() {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        InLoop.run(() -> {
            assertEquals("nope", cvar.get());
            Task<Void> subtask = AsyncIO.createTask(Coroutine.of(() -> {
                AsyncIO.sleep(0.01);
                assertEquals("nope", cvar.get());
                cvar.set("something else");
            }));
            cvar.set("yes");
            assertEquals("yes", cvar.get());
            subtask.await();
            assertEquals("yes", cvar.get());
        });
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_context_3 */
    @Test
    void manyTasksEachModifyingTheVariable() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        Random random = new Random(42);
        InLoop.run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int num = random.nextInt(11);
                double[] sleeps = new double[10];
                for (int k = 0; k < sleeps.length; k++) {
                    sleeps[k] = 0.001 + random.nextDouble() * 0.01;
                }
                tasks.add(AsyncIO.createTask(Coroutine.of(() -> {
                    for (int k = 0; k < 10; k++) {
                        cvar.set(num + k);
                        AsyncIO.sleep(sleeps[k]);
                        assertEquals(num + k, cvar.get());
                    }
                })));
            }
            AsyncIO.gather(tasks).await();
        });
        assertEquals(-1, cvar.get());
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_context_4, test_context_5, test_context_6 */
    @Test
    void aTaskGivenAContextRunsInThatVeryContext() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        try (LoopFixture f = new LoopFixture()) {
            EventLoop loop = f.loop;
            List<Integer> ret = loop.runUntilComplete(() -> {
                List<Integer> r = new ArrayList<>();
                Context ctx = Context.copyCurrent();
                r.add(ctx.get(cvar));
                loop.createTask(Coroutine.of(() -> {
                    AsyncIO.sleep(0);
                    cvar.set(1);
                }), null, ctx).await();
                r.add(ctx.get(cvar));
                loop.createTask(Coroutine.of(() -> {
                    AsyncIO.sleep(0);
                    cvar.set(2);
                }), null, ctx).await();
                r.add(ctx.get(cvar));
                return r;
            });
            assertEquals(java.util.Arrays.asList(null, 1, 2), ret);
            f.assertNoErrors();
        }
    }

    /** Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_get_context */
    @Test
    void getContext() {
        try (LoopFixture f = new LoopFixture()) {
            Context context = new Context();
            Task<Integer> task = f.loop.createTask(() -> 1, null, context);
            f.loop.runUntilComplete(task);
            assertSame(context, task.getContext());
        }
    }

    /** A callback runs in a copy of the context it was scheduled from, even after the scheduler changes it. */
    @Test
    void aCallbackSeesTheContextOfItsScheduling() {
        ContextVar<String> cvar = new ContextVar<>("cvar");
        InLoop.run(() -> {
            String[] seen = new String[2];
            cvar.set("at scheduling");
            EventLoop loop = AsyncIO.getRunningLoop();
            loop.callSoon(() -> {
                seen[0] = cvar.get();
                cvar.set("set by the callback");
            });
            loop.callLater(java.time.Duration.ofMillis(1), () -> seen[1] = cvar.get());
            cvar.set("changed afterwards");
            AsyncIO.sleep(0.02);
            assertEquals("at scheduling", seen[0]);
            assertEquals("at scheduling", seen[1]);
            assertEquals("changed afterwards", cvar.get());
        });
    }

    /** A task's done callback added from a task sees the task's variables; setting them there changes nothing. */
    @Test
    void doneCallbackOfAnotherTask() {
        ContextVar<String> cvar = new ContextVar<>("cvar");
        InLoop.run(() -> {
            cvar.set("parent");
            String[] seen = new String[1];
            Task<Void> child = AsyncIO.createTask(Coroutine.of(() -> cvar.set("child")));
            child.addDoneCallback(t -> seen[0] = cvar.get());
            child.await();
            AsyncIO.sleep(0);
            assertEquals("parent", seen[0]);
            assertNull(new Context().get(cvar));
        });
    }
}
