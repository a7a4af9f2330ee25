package org.jasyncio.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.Test;

/** The loop's registry of pending tasks: slots, reuse, growth, and what allTasks() sees. */
class TaskRegistryTest {

    @Test
    void allTasksListsPendingTasksUntilTheyFinish() {
        try (LoopFixture f = new LoopFixture()) {
            f.loop.runUntilComplete(() -> {
                Task<?> self = AsyncIO.currentTask();
                Future<Void> gate = f.loop.createFuture();
                List<Task<Void>> waiting = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    waiting.add(f.loop.createTask(() -> gate.await()));
                }
                Task<Integer> quick = f.loop.createTask(() -> 1);
                Set<Task<?>> all = f.loop.allTasks();
                assertEquals(202, all.size());
                assertTrue(all.contains(self) && all.contains(quick) && all.containsAll(waiting));
                quick.await();
                assertEquals(201, f.loop.allTasks().size(), "a finished task is no longer pending");
                gate.setResult(null);
                for (Task<Void> t : waiting) {
                    t.await();
                }
                assertEquals(Set.of(self), f.loop.allTasks());
                return null;
            });
            f.assertNoErrors();
        }
    }

    @Test
    void slotsAreReusedAndTheArrayGrows() {
        try (LoopFixture f = new LoopFixture()) {
            TaskRegistry registry = new TaskRegistry();
            List<Task<?>> tasks = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            f.loop.runUntilComplete(() -> {
                for (int i = 0; i < 300; i++) {
                    Task<Integer> t = f.loop.createTask(() -> 0);
                    tasks.add(t);
                    slots.add(registry.add(t));
                }
                return null;
            });
            assertEquals(300, registry.size());
            assertEquals(300, slots.stream().distinct().count(), "every pending task has its own slot");
            registry.remove(tasks.get(10), slots.get(10));
            registry.remove(tasks.get(20), slots.get(20));
            assertEquals(298, registry.size());
            assertEquals(slots.get(20), registry.add(tasks.get(20)), "the last freed slot is reused first");
            assertEquals(slots.get(10), registry.add(tasks.get(10)));
            assertNotEquals(slots.get(10), slots.get(20));
            assertThrows(IllegalStateException.class, () -> registry.remove(tasks.get(1), slots.get(2)),
                    "a task cannot free another task's slot");
        }
    }
}
