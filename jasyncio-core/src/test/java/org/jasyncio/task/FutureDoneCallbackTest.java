package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jasyncio.context.Context;
import org.jasyncio.context.ContextVar;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Done callbacks: CPython's test_futures (BaseFutureDoneCallbackTests), order checked against CPython 3.11/3.12. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FutureDoneCallbackTest {
    private final LoopFixture fixture = new LoopFixture();
    private final EventLoop loop = fixture.loop;
    private final List<Object> bag = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
        fixture.assertNoErrors();
    }

    private Consumer<Future<String>> appender(Object thing) {
        return f -> bag.add(thing);
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_invoked_on_set_result */
    @Test
    void callbacksRunThroughTheLoopInOrderAfterSetResult() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(appender(42));
        f.addDoneCallback(appender(17));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        assertEquals(List.of(), bag, "done callbacks are scheduled, never run inline");
        fixture.runOnce();
        assertEquals(List.of(42, 17), bag);
        assertEquals("foo", f.result());
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_invoked_on_set_exception */
    @Test
    void callbacksRunAfterSetException() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(appender(100));
        RuntimeException exc = new RuntimeException();
        f.setException(exc);
        assertEquals(List.of(), bag);
        fixture.runOnce();
        assertEquals(List.of(100), bag);
        assertSame(exc, f.exception());
    }

    /** Cancelling runs the callbacks too, and each sees the future. */
    @Test
    void callbacksRunAfterCancel() {
        Future<String> f = loop.createFuture();
        List<Future<String>> seen = new ArrayList<>();
        f.addDoneCallback(seen::add);
        f.cancel();
        fixture.runOnce();
        assertEquals(List.of(f), seen);
    }

    /**
     * Done callbacks queue behind what was already scheduled, and a callback added to a
     * done future is scheduled too (checked against CPython 3.11/3.12: after set_result,
     * soon-before, d1, d2, d3).
     */
    @Test
    void doneCallbacksQueueBehindEarlierCallbacksAndLateOnesAreScheduled() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> bag.add("d1"));
        f.addDoneCallback(x -> bag.add("d2"));
        loop.callSoon(() -> bag.add("soon-before"));
        f.setResult("x");
        bag.add("after setResult");
        f.addDoneCallback(x -> bag.add("d3"));
        assertEquals(List.of("after setResult"), bag);
        fixture.runOnce();
        assertEquals(List.of("after setResult", "soon-before", "d1", "d2", "d3"), bag);
    }

    /**
     * Lib/test/test_asyncio/test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_remove_first_callback,
     * ::test_callbacks_remove_first_and_second_callback and ::test_callbacks_remove_third_callback
     */
    @Test
    void removingOneOfThreeCallbacks() {
        for (int removed = 0; removed < 3; removed++) {
            bag.clear();
            Future<String> f = loop.createFuture();
            List<Consumer<Future<String>>> cbs = List.of(appender(42), appender(17), appender(100));
            cbs.forEach(f::addDoneCallback);
            assertEquals(1, f.removeDoneCallback(cbs.get(removed)));
            f.setResult("foo");
            fixture.runOnce();
            List<Object> expected = new ArrayList<>(List.of(42, 17, 100));
            expected.remove(removed);
            assertEquals(expected, bag);
        }
        bag.clear();
        Future<String> f = loop.createFuture();
        List<Consumer<Future<String>>> cbs = List.of(appender(42), appender(17), appender(100));
        cbs.forEach(f::addDoneCallback);
        f.removeDoneCallback(cbs.get(0));
        f.removeDoneCallback(cbs.get(1));
        f.setResult("foo");
        fixture.runOnce();
        assertEquals(List.of(100), bag);
    }

    /** Lib/test/test_asyncio/test_futures.py::BaseFutureDoneCallbackTests::test_remove_done_callback */
    @Test
    void removeDoneCallbackRemovesEveryRegistrationAndCountsThem() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb1 = appender(1);
        Consumer<Future<String>> cb2 = appender(2);
        Consumer<Future<String>> cb3 = appender(3);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        assertEquals(1, f.removeDoneCallback(cb2));
        assertEquals(0, f.removeDoneCallback(cb3));
        f.addDoneCallback(cb2);
        for (int i = 0; i < 5; i++) {
            f.addDoneCallback(cb1);
        }
        assertEquals(6, f.removeDoneCallback(cb1));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        fixture.runOnce();
        assertEquals(List.of(2), bag);
        assertEquals("foo", f.result());
        assertEquals(0, f.removeDoneCallback(cb2), "nothing left to remove once done");
    }

    /**
     * Lib/test/test_asyncio/test_futures.py::BaseFutureDoneCallbackTests::test_schedule_callbacks_list_mutation_1:
     * a callback removing others while callbacks run changes nothing already scheduled.
     */
    @Test
    void removingCallbacksFromACallbackIsHarmless() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> other = appender("other");
        f.addDoneCallback(x -> bag.add("removed " + x.removeDoneCallback(other)));
        f.addDoneCallback(other);
        f.addDoneCallback(other);
        f.setResult("x");
        fixture.runOnce();
        assertEquals(List.of("removed 0", "other", "other"), bag);
    }

    /** A callback runs in the context current when it was added, or the one given. */
    @Test
    void callbacksRunInTheContextTheyWereAddedWith() {
        ContextVar<String> var = new ContextVar<>("var", "unset");
        Future<String> f = loop.createFuture();
        Context a = new Context();
        a.run(() -> {
            var.set("a");
            f.addDoneCallback(x -> bag.add("implicit " + var.get()));
        });
        Context b = new Context();
        b.run(() -> var.set("b"));
        f.addDoneCallback(x -> bag.add("explicit " + var.get()), b);
        f.addDoneCallback(x -> bag.add("none " + var.get()));
        f.setResult("done");
        fixture.runOnce();
        assertEquals(List.of("implicit a", "explicit b", "none unset"), bag);
        assertThrows(NullPointerException.class, () -> f.addDoneCallback(x -> { }, null));
        assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
    }
}
