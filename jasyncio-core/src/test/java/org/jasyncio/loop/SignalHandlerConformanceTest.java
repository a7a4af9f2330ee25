package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.context.ContextVar;
import org.jasyncio.internal.signal.SignalDispatcher;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.testing.SignalSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code addSignalHandler}/{@code removeSignalHandler} on every readiness backend, with
 * real signals sent to this JVM by {@code kill(2)}. The signals used are SIGUSR1 (sent
 * only while a handler is installed and awaited before it is removed) and SIGWINCH and
 * SIGURG, whose default action is to do nothing, so a late delivery cannot hurt the
 * test JVM. Linux (the dispositions are read with {@code sigaction}).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalHandlerConformanceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    Backend backend;

    private LoopFixture fixture;
    private EventLoop loop;

    @BeforeAll
    static void linuxWithNativeAccess() {
        SignalSender.assumeAvailable();
    }

    @BeforeEach
    void open() {
        fixture = new LoopFixture(SelectorEventLoop.open(backend));
        loop = fixture.loop;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void raise(Signal signal) {
        SignalSender.raise(signal);
    }

    private static long disposition(Signal signal) {
        return SignalSender.disposition(signal);
    }

    /**
     * Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_add_signal_handler:
     * uncatchable and out-of-range signals are refused; a handler runs when the signal
     * arrives; removing it returns true once, then false.
     */
    @Test
    void aHandlerRunsWhenTheSignalArrivesAndIsRemovedOnce() {
        assumeTrue(loop.supports(Capability.SIGNAL_HANDLERS));
        AtomicInteger caught = new AtomicInteger();
        Runnable count = caught::incrementAndGet;
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(Signal.KILL, count));
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(Signal.KILL.number(), count));
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(-1, count));
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(Signal.NSIG, count));
        assertThrows(IllegalArgumentException.class, () -> loop.removeSignalHandler(-1));
        assertThrows(IllegalArgumentException.class, () -> loop.removeSignalHandler(Signal.NSIG));
        assertFalse(loop.removeSignalHandler(Signal.USR1));

        loop.addSignalHandler(Signal.USR1.number(), count);
        raise(Signal.USR1);
        fixture.runUntil(() -> caught.get() == 1, WAIT);
        assertTrue(loop.removeSignalHandler(Signal.USR1));
        assertFalse(loop.removeSignalHandler(Signal.USR1));
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_signal_handling_while_selecting:
     * a signal arriving while the loop blocks in its backend wakes it, and the handler runs.
     */
    @Test
    void aSignalWakesALoopBlockedInItsBackend() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        loop.addSignalHandler(Signal.WINCH, () -> {
            ranOn.set(Thread.currentThread());
            loop.stop();
        });
        TimerHandle guard = loop.callLater(WAIT, loop::stop);
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            raise(Signal.WINCH);
        });
        Thread loopThread = Thread.currentThread();
        loop.runForever();
        sender.join(WAIT.toMillis());
        guard.cancel();
        assertSame(loopThread, ranOn.get(), "the handler must run on the loop thread (and before the guard)");
        assertTrue(loop.removeSignalHandler(Signal.WINCH));
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopSignalTests::test_add_signal_handler:
     * one handler per signal per loop; adding again replaces it.
     */
    @Test
    void addingAgainReplacesTheHandler() {
        List<String> ran = new ArrayList<>();
        loop.addSignalHandler(Signal.WINCH, () -> ran.add("first"));
        loop.addSignalHandler(Signal.WINCH, () -> ran.add("second"));
        raise(Signal.WINCH);
        fixture.runUntil(() -> !ran.isEmpty(), WAIT);
        assertEquals(List.of("second"), ran);
        assertTrue(loop.removeSignalHandler(Signal.WINCH));
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopSignalTests::test_check_signal:
     * numbers outside {@code range(1, NSIG)} are asyncio's ValueError.
     */
    @Test
    void numbersOutOfRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.of(0));
        assertEquals("invalid signal number 0 (valid: 1 <= number < " + Signal.NSIG + ")", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Signal.of(Signal.NSIG));
        assertEquals(Signal.USR1, Signal.of(Signal.USR1.number()));
        assertEquals(Signal.USR1, Signal.named("SIGUSR1").orElseThrow());
        assertEquals(Signal.CHLD, Signal.named("cld").orElseThrow());
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopSignalTests::test_add_signal_handler_install_error
     * (and _install_error2/3: nothing is left behind): SIGKILL and SIGSTOP cannot be caught;
     * the refusal says so and no handler stays installed.
     */
    @Test
    void uncatchableSignalsAreRefusedAndLeaveNothingBehind() {
        for (Signal s : List.of(Signal.KILL, Signal.STOP)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.addSignalHandler(s, () -> { }));
            assertTrue(e.getMessage().contains(s.cName()) && e.getMessage().contains("cannot be caught"),
                    e.getMessage());
            assertFalse(loop.removeSignalHandler(s));
            assertFalse(SignalDispatcher.handled(s));
        }
    }

    /**
     * The signals the JVM uses are refused with the reason, before anything changes: the
     * handler the JVM installed is still there afterwards.
     */
    @Test
    void signalsTheJvmOwnsAreRefusedWithTheReason() {
        for (Signal s : List.of(Signal.QUIT, Signal.ILL, Signal.FPE, Signal.SEGV, Signal.BUS, Signal.USR2,
                Signal.PIPE, Signal.XFSZ)) {
            long before = disposition(s);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.addSignalHandler(s, () -> { }));
            assertTrue(e.getMessage().startsWith(s.cName() + " belongs to the JVM"), e.getMessage());
            assertEquals(before, disposition(s), s + ": the JVM's handler must stay");
            assertFalse(loop.removeSignalHandler(s));
        }
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopSignalTests::test_remove_signal_handler
     * and ::test_remove_signal_handler_2 (SIGINT gets the previous handler back): removal
     * restores the exact disposition that was there before, for SIGINT the JVM's.
     */
    @Test
    void removalRestoresThePreviousHandler() {
        for (Signal s : List.of(Signal.INT, Signal.URG)) {
            long before = disposition(s);
            loop.addSignalHandler(s, () -> { });
            assertTrue(SignalDispatcher.handled(s));
            assertTrue(loop.removeSignalHandler(s));
            assertFalse(SignalDispatcher.handled(s));
            assertEquals(before, disposition(s), s + " disposition after removal");
        }
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopSignalTests::test_close:
     * closing the loop removes its handlers and restores the previous ones.
     */
    @Test
    void closingTheLoopRemovesItsHandlers() {
        long urg = disposition(Signal.URG);
        long winch = disposition(Signal.WINCH);
        loop.addSignalHandler(Signal.URG, () -> { });
        loop.addSignalHandler(Signal.WINCH, () -> { });
        loop.close();
        assertFalse(SignalDispatcher.handled(Signal.URG));
        assertFalse(SignalDispatcher.handled(Signal.WINCH));
        assertEquals(urg, disposition(Signal.URG));
        assertEquals(winch, disposition(Signal.WINCH));
        assertFalse(loop.removeSignalHandler(Signal.URG));
        assertThrows(EventLoopClosedException.class, () -> loop.addSignalHandler(Signal.URG, () -> { }));
    }

    /**
     * Lib/test/test_asyncio/test_unix_events.py::SelectorEventLoopSignalTests::test_add_signal_handler_setup_error
     * (asyncio refuses outside the main thread): jasyncio has no main-thread rule, but the
     * methods are loop-confined: from a foreign thread while the loop runs they are refused.
     */
    @Test
    void aForeignThreadCannotAddWhileTheLoopRuns() {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        loop.callSoon(() -> Thread.ofPlatform().start(() -> {
            try {
                loop.addSignalHandler(Signal.WINCH, () -> { });
                refused.complete(null);
            } catch (Throwable t) {
                refused.complete(t);
            } finally {
                loop.callSoonThreadsafe(loop::stop);
            }
        }));
        loop.runForever();
        assertInstanceOf(IllegalStateException.class, refused.join());
        assertFalse(SignalDispatcher.handled(Signal.WINCH));
    }

    /**
     * Lib/asyncio/unix_events.py add_signal_handler wraps the callback in a Handle, which
     * copies the context current at that moment: the callback sees what was set before
     * it was added, and what it sets stays in that copy.
     */
    @Test
    void theCallbackRunsInTheContextOfTheAdd() {
        ContextVar<String> who = new ContextVar<>("who");
        AtomicReference<String> seen = new AtomicReference<>();
        loop.runUntilComplete(org.jasyncio.task.Coroutine.of(() -> {
            who.set("adder");
            loop.addSignalHandler(Signal.WINCH, () -> seen.set(who.get(null)));
            who.set("changed later");
        }));
        raise(Signal.WINCH);
        fixture.runUntil(() -> seen.get() != null, WAIT);
        assertEquals("adder", seen.get());
        assertTrue(loop.removeSignalHandler(Signal.WINCH));
    }

    /** A loop owned by a thread other than main handles signals too (no main-thread rule on the JVM). */
    @Test
    void aLoopOnAnotherThreadHandlesSignals() throws Exception {
        fixture.close();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<Thread> owner = new AtomicReference<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("loop-owner").start(() -> {
            try (EventLoop own = SelectorEventLoop.open(backend)) {
                owner.set(Thread.currentThread());
                own.addSignalHandler(Signal.WINCH, () -> {
                    ranOn.set(Thread.currentThread());
                    own.stop();
                });
                TimerHandle guard = own.callLater(WAIT, own::stop);
                own.callSoon(() -> ready.complete(null));
                own.runForever();
                guard.cancel();
            }
        });
        ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        raise(Signal.WINCH);
        t.join(WAIT.toMillis() * 2);
        assertSame(owner.get(), ranOn.get());
        assertFalse(SignalDispatcher.handled(Signal.WINCH), "closing the loop removed the handler");
    }

    /** Every loop with a handler for a signal receives each delivery; the last one out restores. */
    @Test
    void everyLoopWithAHandlerReceivesTheSignal() {
        long before = disposition(Signal.URG);
        try (LoopFixture other = new LoopFixture(SelectorEventLoop.open(backend))) {
            AtomicInteger here = new AtomicInteger();
            AtomicInteger there = new AtomicInteger();
            loop.addSignalHandler(Signal.URG, here::incrementAndGet);
            other.loop.addSignalHandler(Signal.URG, there::incrementAndGet);
            raise(Signal.URG);
            fixture.runUntil(() -> here.get() == 1, WAIT);
            other.runUntil(() -> there.get() == 1, WAIT);
            assertTrue(loop.removeSignalHandler(Signal.URG));
            assertTrue(SignalDispatcher.handled(Signal.URG), "the other loop still handles it");
            raise(Signal.URG);
            other.runUntil(() -> there.get() == 2, WAIT);
            fixture.runBriefly();
            assertEquals(1, here.get());
        }
        assertFalse(SignalDispatcher.handled(Signal.URG));
        assertEquals(before, disposition(Signal.URG));
    }

    /**
     * What a handler throws goes to the loop's exception handler, as for any callback
     * (asyncio runs it as a Handle), and the handler stays installed.
     */
    @Test
    void whatTheHandlerThrowsReachesTheExceptionHandler() {
        AtomicInteger calls = new AtomicInteger();
        loop.addSignalHandler(Signal.WINCH, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        raise(Signal.WINCH);
        fixture.runUntil(() -> !fixture.errors.isEmpty(), WAIT);
        assertEquals("boom", fixture.errors.getFirst().exception().getMessage());
        raise(Signal.WINCH);
        fixture.runUntil(() -> calls.get() == 2, WAIT);
        assertTrue(loop.removeSignalHandler(Signal.WINCH));
    }

    /**
     * A delivery the loop has not run yet is dropped when the handler is removed first.
     * A second loop handling the same signal shows when the delivery has been queued: the
     * JVM handler queues it on every attached loop, this one (attached first) first.
     */
    @Test
    void aHandlerRemovedBeforeTheLoopGetsToTheSignalDoesNotRun() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger witness = new AtomicInteger();
        try (LoopFixture other = new LoopFixture(SelectorEventLoop.open(backend))) {
            loop.addSignalHandler(Signal.WINCH, calls::incrementAndGet);
            other.loop.addSignalHandler(Signal.WINCH, witness::incrementAndGet);
            raise(Signal.WINCH);
            other.runUntil(() -> witness.get() == 1, WAIT);
            assertTrue(loop.removeSignalHandler(Signal.WINCH));
            fixture.runBriefly();
            assertEquals(0, calls.get());
        }
    }

    @Test
    void theCapabilityIsAnswered() {
        assertTrue(loop.supports(Capability.SIGNAL_HANDLERS), loop.whyNot(Capability.SIGNAL_HANDLERS).orElse(""));
    }
}
