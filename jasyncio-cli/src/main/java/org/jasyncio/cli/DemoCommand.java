package org.jasyncio.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Task;

/** A short tour of what works: the loop, callbacks, timers, tasks, cancellation, threads. */
final class DemoCommand implements Main.Command {
    @Override
    public String summary() {
        return "a short demo of the event loop, tasks and cancellation";
    }

    @Override
    public int run(String[] args) throws Exception {
        SelectorEventLoop probe = SelectorEventLoop.open();
        System.out.println("jasyncio demo on Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        System.out.println("  loop: " + probe);
        System.out.println("  clock resolution: " + probe.clockResolution().toNanos() + " ns (measured)");
        probe.close();

        long started = System.nanoTime();
        String result = AsyncIO.run(() -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            List<String> order = new ArrayList<>();
            loop.callSoon(() -> order.add("callSoon"));
            loop.callLater(Duration.ofMillis(20), () -> order.add("callLater 20ms"));
            Task<String> slow = loop.createTask(() -> {
                AsyncIO.sleep(Duration.ofMillis(50));
                return "slow";
            }, "slow");
            Task<String> fast = loop.createTask(() -> {
                AsyncIO.sleep(Duration.ofMillis(10));
                return "fast";
            }, "fast");
            order.add(fast.await());
            order.add(slow.await());
            System.out.println("  order of events: " + order);

            Task<Void> sleeper = loop.createTask(Coroutine.of(() -> AsyncIO.sleep(Duration.ofHours(1))), "sleeper");
            AsyncIO.sleep(0);
            sleeper.cancel("demo is over");
            try {
                sleeper.await();
            } catch (CancelledException e) {
                System.out.println("  cancelled a 1-hour sleep: \"" + e.getMessage() + "\"");
            }

            int tasks = 10_000;
            long t0 = System.nanoTime();
            List<Task<Integer>> many = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                int n = i;
                many.add(loop.createTask(() -> {
                    AsyncIO.sleep(Duration.ofMillis(10));
                    return n;
                }));
            }
            long sum = 0;
            for (Task<Integer> t : many) {
                sum += t.await();
            }
            System.out.printf("  %,d tasks slept 10 ms concurrently in %.1f ms (sum %d)%n", tasks,
                    (System.nanoTime() - t0) / 1e6, sum);

            String fromThread = loop.runInExecutor(null, () -> "computed on " + Thread.currentThread().getName())
                    .await();
            System.out.println("  runInExecutor: " + fromThread);
            return "done";
        });

        SelectorEventLoop loop = SelectorEventLoop.open();
        Thread runner = new Thread(loop::runForever, "demo-loop");
        runner.start();
        CompletableFuture<Integer> answer = AsyncIO.runCoroutineThreadsafe(() -> {
            AsyncIO.sleep(Duration.ofMillis(5));
            return 42;
        }, loop);
        System.out.println("  runCoroutineThreadsafe from another thread: " + answer.get(10, TimeUnit.SECONDS));
        loop.stop();
        runner.join();
        loop.close();
        System.out.printf("demo %s in %.0f ms%n", result, (System.nanoTime() - started) / 1e6);
        return 0;
    }
}
