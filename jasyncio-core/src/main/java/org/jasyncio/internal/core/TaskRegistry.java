package org.jasyncio.internal.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.jasyncio.task.Task;

/**
 * The loop's pending tasks, held strongly until they finish (asyncio keeps only a weak
 * set, a known pitfall: a task nobody references can vanish mid-flight).
 *
 * <p>Design note: every task is added once and removed once, and only {@code allTasks()}
 * ever reads the whole set. A task therefore gets a slot in an array and keeps its index
 * ({@link #add} returns it), and freed slots are reused last-in first-out: adding and
 * removing cost an array store each, with no hashing (an identity hash code is costly on
 * a fresh object) and no entry object (4 bytes per task instead of a 32-byte map node).
 * The array keeps the size of the largest number of tasks pending at once. Loop thread
 * only.
 */
final class TaskRegistry {
    private Task<?>[] slots = new Task<?>[64];
    /** A stack of free slot indices below {@link #highWater}. */
    private int[] free = new int[64];
    private int freeCount;
    /** Slots at and above this index have never been used. */
    private int highWater;
    private int size;

    /** Registers {@code task}; returns its slot, to give back to {@link #remove}. */
    int add(Task<?> task) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (highWater == slots.length) {
                slots = Arrays.copyOf(slots, slots.length * 2);
                free = Arrays.copyOf(free, slots.length);
            }
            slot = highWater++;
        }
        slots[slot] = task;
        size++;
        return slot;
    }

    /** Unregisters {@code task}, which {@link #add} put in {@code slot}. */
    void remove(Task<?> task, int slot) {
        if (slot < 0 || slot >= highWater || slots[slot] != task) {
            throw new IllegalStateException(task + " is not registered in slot " + slot);
        }
        slots[slot] = null;
        free[freeCount++] = slot;
        size--;
    }

    int size() {
        return size;
    }

    /** The registered tasks that are not done yet. */
    Set<Task<?>> pending() {
        Set<Task<?>> snapshot = new HashSet<>();
        for (int i = 0; i < highWater; i++) {
            Task<?> t = slots[i];
            if (t != null && !t.done()) {
                snapshot.add(t);
            }
        }
        return snapshot;
    }
}
