package org.jasyncio.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.internal.core.BaseLoop.SchedulerChoice;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sleep(0)} puts the task at the back of the ready queue, behind what was ready,
 * on both schedulers (the virtual-thread one yields through {@link Thread#yield()}, the
 * baton one through a wake-up callback). The expected order is what CPython 3.11 prints
 * for the same program (asyncio.sleep(0) in two tasks, callbacks in between, then a task
 * cancelled while it keeps yielding).
 */
class YieldOrderTest {

    @ParameterizedTest
    @EnumSource(value = SchedulerChoice.class, names = {"VIRTUAL_THREAD", "BATON"})
    void sleepZeroInterleavesTasksAndCallbacksAsAsyncioDoes(SchedulerChoice scheduler) {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new SelectorLoop(Backend.defaultSelectorBackend(), scheduler)) {
            loop.runUntilComplete(() -> {
                Task<Void> a = loop.createTask(() -> worker(log, "a", 3));
                Task<Void> b = loop.createTask(() -> worker(log, "b", 3));
                loop.callSoon(() -> log.add("cb"));
                AsyncIO.sleep(0);
                log.add("main");
                loop.callSoon(() -> log.add("cb2"));
                AsyncIO.sleep(0);
                log.add("main2");
                a.await();
                b.await();
                Task<Void> spinner = loop.createTask(() -> {
                    try {
                        while (true) {
                            AsyncIO.sleep(0);
                        }
                    } catch (CancelledException e) {
                        log.add("spinner cancelled " + e.getMessage());
                        throw e;
                    }
                });
                AsyncIO.sleep(0);
                AsyncIO.sleep(0);
                spinner.cancel("stop");
                try {
                    spinner.await();
                } catch (CancelledException e) {
                    log.add("main saw cancel");
                }
                return null;
            });
        }
        assertEquals(List.of("a0", "b0", "cb", "main", "a1", "b1", "cb2", "main2", "a2", "b2", "a-end", "b-end",
                "spinner cancelled stop", "main saw cancel"), log);
    }

    private static Void worker(List<String> log, String name, int n) {
        for (int i = 0; i < n; i++) {
            log.add(name + i);
            AsyncIO.sleep(0);
        }
        log.add(name + "-end");
        return null;
    }
}
