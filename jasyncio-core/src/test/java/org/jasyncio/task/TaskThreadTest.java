package org.jasyncio.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.AsyncIO;
import org.jasyncio.internal.core.BaseLoop.SchedulerChoice;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.testing.ChildJvm;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.testing.Schedulers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What tasks being threads gives: real stacks, blocking JDK calls that unmount instead
 * of blocking the loop, and tasks the loop keeps alive. Virtual-thread scheduler only
 * (the baton fallback blocks the loop during a blocking call, as documented).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskThreadTest {
    private final LoopFixture fixture = new LoopFixture(Schedulers.newLoop(SchedulerChoice.VIRTUAL_THREAD));
    private final EventLoop loop = fixture.loop;
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
        fixture.assertNoErrors();
    }

    /**
     * Lib/test/test_asyncio/test_tasks.py::BaseTaskTests::test_get_stack: the stack of a
     * parked task shows where it waits (real frames), and is empty once it is done.
     */
    @Test
    void getStackOfAParkedTaskShowsItsFrames() {
        Future<Void> gate = loop.createFuture();
        Task<Void> t = loop.createTask(Coroutine.of(() -> outerFrame(gate)));
        fixture.runOnce();
        StackTraceElement[] stack = t.getStack();
        List<String> methods = Arrays.stream(stack).map(StackTraceElement::getMethodName).toList();
        assertTrue(methods.contains("innerFrame") && methods.contains("outerFrame"), methods.toString());
        assertTrue(methods.indexOf("innerFrame") < methods.indexOf("outerFrame"), "innermost first: " + methods);
        gate.setResult(null);
        loop.runUntilComplete(t);
        assertArrayEquals(new StackTraceElement[0], t.getStack());
    }

    private static void outerFrame(Future<Void> gate) {
        innerFrame(gate);
    }

    private static void innerFrame(Future<Void> gate) {
        gate.await();
    }

    /** The same on the baton scheduler, where a parked task is an ordinary blocked thread. */
    @Test
    void getStackWorksOnTheBatonSchedulerToo() {
        try (LoopFixture baton = new LoopFixture(Schedulers.newLoop(SchedulerChoice.BATON))) {
            Future<Void> gate = baton.loop.createFuture();
            Task<Void> t = baton.loop.createTask(Coroutine.of(() -> outerFrame(gate)));
            baton.runOnce();
            List<String> methods = Arrays.stream(t.getStack()).map(StackTraceElement::getMethodName).toList();
            assertTrue(methods.contains("innerFrame"), methods.toString());
            gate.setResult(null);
            baton.loop.runUntilComplete(t);
            baton.assertNoErrors();
        }
    }

    /**
     * Thread.sleep inside a task unmounts the task: other tasks go on meanwhile, and the
     * sleeper comes back through the loop's thread-safe queue (the JDK's timer thread
     * resumes it), still one at a time with everything else.
     */
    @Test
    void threadSleepInsideATaskDoesNotBlockOtherTasks() {
        AtomicInteger ticks = new AtomicInteger();
        int[] ticksDuringSleep = new int[1];
        Task<Void> sleeper = loop.createTask(Coroutine.of(() -> {
            // Only Thread.sleep between the two readings: if it blocked the loop, no
            // other task could tick and this would end at the deadline with 0 ticks.
            int before = ticks.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ticks.get() - before < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ticksDuringSleep[0] = ticks.get() - before;
            log.add("sleeper in loop: " + loop.inLoopThread());
        }));
        loop.createTask(Coroutine.of(() -> {
            while (!sleeper.done()) {
                ticks.incrementAndGet();
                AsyncIO.sleep(Duration.ofMillis(5));
            }
        }));
        loop.runUntilComplete(sleeper);
        assertTrue(ticksDuringSleep[0] >= 3, "other tasks ran " + ticksDuringSleep[0] + " times while one slept");
        assertEquals(List.of("sleeper in loop: true"), log);
    }

    /**
     * Blocking JDK socket calls (accept, connect, read, write) inside tasks unmount: a
     * server task and a client task talk over a real socket on one loop thread while a
     * third task keeps ticking.
     */
    @Test
    void blockingSocketCallsInsideTasksDoNotBlockTheLoop() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicReference<String> received = new AtomicReference<>();
            int[] ticksWhileAccepting = new int[1];
            Task<Void> serverTask = loop.createTask(Coroutine.of(() -> {
                int before = ticks.get();
                try (Socket s = server.accept(); InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                    ticksWhileAccepting[0] = ticks.get() - before;
                    byte[] buf = in.readNBytes(5);
                    received.set(new String(buf, StandardCharsets.US_ASCII));
                    out.write("world".getBytes(StandardCharsets.US_ASCII));
                }
            }));
            Task<String> clientTask = loop.createTask(() -> {
                while (ticks.get() < 5) {
                    AsyncIO.sleep(Duration.ofMillis(2));
                }
                try (Socket c = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    c.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    return new String(c.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                }
            });
            loop.createTask(Coroutine.of(() -> {
                while (!clientTask.done() || !serverTask.done()) {
                    ticks.incrementAndGet();
                    AsyncIO.sleep(Duration.ofMillis(1));
                }
            }));
            assertEquals("world", loop.runUntilComplete(clientTask));
            loop.runUntilComplete(serverTask);
            assertEquals("hello", received.get());
            assertTrue(ticksWhileAccepting[0] >= 5, "ticks while blocked in accept: " + ticksWhileAccepting[0]);
        }
    }

    /**
     * asyncio's pitfall, fixed: a task nobody keeps a reference to, waiting on a future
     * only it can reach, still runs to completion. asyncio's loop holds tasks weakly, so
     * there such a task can be collected mid-flight; here the loop holds it until done.
     *
     * <p>Runs in a child JVM with {@code -Djdk.trackAllThreads=false}: by default the JDK
     * itself keeps every started virtual thread reachable, which would hide a loop that
     * held its tasks weakly (checked: with a weak set in BaseLoop this test fails).
     */
    @Test
    void aTaskNobodyReferencesIsNotCollectedWhilePending() throws Exception {
        try (ChildJvm child = ChildJvm.start(ForgottenTaskMain.class, List.of("-Djdk.trackAllThreads=false"))) {
            int exit = child.waitFor(Duration.ofSeconds(60));
            assertEquals("[forgotten task got finished]", child.output().strip(), child.output());
            assertEquals(0, exit);
        }
    }
}
