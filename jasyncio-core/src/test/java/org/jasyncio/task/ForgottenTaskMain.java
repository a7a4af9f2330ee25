package org.jasyncio.task;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;

/**
 * Child-JVM side of {@link TaskThreadTest#aTaskNobodyReferencesIsNotCollectedWhilePending}:
 * starts a task nobody references, waiting on a future only the task can reach, collects
 * garbage, then completes the future if it still exists. Prints {@code COLLECTED} (exit 1)
 * if the task was lost, else what the task logged (exit 0).
 */
public final class ForgottenTaskMain {
    private ForgottenTaskMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> log = new ArrayList<>();
        List<WeakReference<Future<String>>> handle = new ArrayList<>();
        try (EventLoop loop = SelectorEventLoop.open()) {
            startForgottenTask(loop, handle, log);
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
                runOnce(loop);
            }
            Future<String> future = handle.get(0).get();
            if (future == null) {
                System.out.println("COLLECTED");
                System.exit(1);
            }
            future.setResult("finished");
            future = null;
            for (int i = 0; i < 3; i++) {
                runOnce(loop);
            }
        }
        System.out.println(log);
    }

    private static void startForgottenTask(EventLoop loop, List<WeakReference<Future<String>>> handle,
            List<String> log) {
        loop.createTask(Coroutine.of(() -> {
            Future<String> onlyMine = loop.createFuture();
            handle.add(new WeakReference<>(onlyMine));
            log.add("forgotten task got " + onlyMine.await());
        }));
        runOnce(loop);
    }

    private static void runOnce(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }
}
