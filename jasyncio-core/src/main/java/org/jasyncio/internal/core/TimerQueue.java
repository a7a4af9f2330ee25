package org.jasyncio.internal.core;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap on (deadline, sequence) with lazy deletion.
 *
 * <p>Design note: cancelling a timer is O(1) (asyncio's approach); the dead entry stays
 * until it reaches the top or until more than half of a heap of over 100 entries is
 * dead, when {@link #compactIfMostlyCancelled()} rebuilds it in O(n). Loop thread only.
 */
final class TimerQueue {
    /** asyncio's _MIN_SCHEDULED_TIMER_HANDLES: below this size compaction is not worth it. */
    static final int MIN_SIZE_TO_COMPACT = 100;

    private TimerEntry[] heap = new TimerEntry[64];
    private int size;
    private int cancelledCount;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int cancelledCount() {
        return cancelledCount;
    }

    void add(TimerEntry entry) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        entry.queue = this;
        siftUp(size++, entry);
    }

    /** Deadline of the earliest entry, live or cancelled; only valid when not empty. */
    long peekDeadline() {
        return heap[0].deadline;
    }

    /** Drops cancelled entries from the top so {@link #peekDeadline()} is a live one. */
    void dropCancelledHead() {
        while (size > 0 && heap[0].cancelled()) {
            TimerEntry dead = pollFirst();
            dead.queue = null;
            cancelledCount--;
        }
    }

    /** Moves every live entry due at or before {@code end} to {@code ready}, in order. */
    void moveDue(long end, ArrayDeque<Object> ready) {
        while (size > 0) {
            TimerEntry head = heap[0];
            if (head.cancelled()) {
                pollFirst().queue = null;
                cancelledCount--;
                continue;
            }
            if (head.deadline > end) {
                break;
            }
            pollFirst().queue = null;
            ready.addLast(head);
        }
    }

    void cancelled(TimerEntry entry) {
        cancelledCount++;
    }

    /** Rebuilds the heap without dead entries when they are the majority of a large heap. */
    boolean compactIfMostlyCancelled() {
        if (size <= MIN_SIZE_TO_COMPACT || cancelledCount * 2 <= size) {
            return false;
        }
        int live = 0;
        for (int i = 0; i < size; i++) {
            TimerEntry e = heap[i];
            if (e.cancelled()) {
                e.queue = null;
            } else {
                heap[live++] = e;
            }
        }
        Arrays.fill(heap, live, size, null);
        size = live;
        cancelledCount = 0;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
        return true;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].queue = null;
        }
        Arrays.fill(heap, 0, size, null);
        size = 0;
        cancelledCount = 0;
    }

    private TimerEntry pollFirst() {
        TimerEntry first = heap[0];
        TimerEntry last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        return first;
    }

    private void siftUp(int index, TimerEntry entry) {
        TimerEntry[] h = heap;
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            TimerEntry p = h[parent];
            if (!entry.before(p)) {
                break;
            }
            h[index] = p;
            index = parent;
        }
        h[index] = entry;
    }

    private void siftDown(int index, TimerEntry entry) {
        TimerEntry[] h = heap;
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            TimerEntry c = h[child];
            int right = child + 1;
            if (right < size && h[right].before(c)) {
                child = right;
                c = h[child];
            }
            if (!c.before(entry)) {
                break;
            }
            h[index] = c;
            index = child;
        }
        h[index] = entry;
    }
}
