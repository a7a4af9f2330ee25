package org.jasyncio.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jasyncio.context.Context;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.TimerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timer heap: ordering, lazy cancellation and compaction (the ideas of CPython's
 * test_base_events::test__run_once_schedule_handle and
 * test__run_once_cancelled_event_cleanup).
 */
class TimerQueueTest {
    private final SelectorLoop loop = new SelectorLoop(Backend.NIO);
    private final TimerQueue queue = new TimerQueue();
    private long sequence;

    @AfterEach
    void close() {
        loop.close();
    }

    private TimerEntry entry(long deadline, List<Object> log, Object tag) {
        return new TimerEntry(loop, deadline, sequence++, () -> log.add(tag), new Context());
    }

    private static List<Object> drain(TimerQueue q, long upTo) {
        ArrayDeque<Object> ready = new ArrayDeque<>();
        q.moveDue(upTo, ready);
        List<Object> out = new ArrayList<>();
        for (Object o : ready) {
            out.add(((TimerEntry) o).deadline);
        }
        return out;
    }

    /** Entries come out by deadline, then by scheduling order; only those due. */
    @Test
    void entriesComeOutByDeadlineThenSchedulingOrder() {
        List<Object> log = new ArrayList<>();
        Random random = new Random(42);
        List<TimerEntry> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            TimerEntry e = entry(random.nextInt(50), log, i);
            all.add(e);
            queue.add(e);
        }
        ArrayDeque<Object> ready = new ArrayDeque<>();
        queue.moveDue(24, ready);
        List<TimerEntry> expected = all.stream().filter(e -> e.deadline <= 24)
                .sorted((a, b) -> a.before(b) ? -1 : b.before(a) ? 1 : 0).toList();
        assertEquals(expected, List.copyOf(ready.stream().map(o -> (TimerEntry) o).toList()));
        assertEquals(500 - expected.size(), queue.size());
        assertTrue(queue.peekDeadline() >= 25);
        for (TimerEntry e : expected) {
            assertEquals(null, e.queue, "a popped entry no longer belongs to the queue");
        }
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test__run_once_cancelled_event_cleanup:
     * once more than half of a heap of over 100 timers is cancelled, it is rebuilt without them.
     */
    @Test
    void aMostlyCancelledLargeHeapIsCompacted() {
        List<Object> log = new ArrayList<>();
        List<TimerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            TimerEntry e = entry(1000 + i, log, i);
            entries.add(e);
            queue.add(e);
        }
        for (int i = 0; i < 100; i++) {
            entries.get(2 * i).cancel();
        }
        assertEquals(100, queue.cancelledCount());
        assertFalse(queue.compactIfMostlyCancelled(), "exactly half cancelled is not 'most'");
        entries.get(1).cancel();
        assertTrue(queue.compactIfMostlyCancelled());
        assertEquals(99, queue.size());
        assertEquals(0, queue.cancelledCount());
        assertEquals(null, entries.get(0).queue);
        List<Object> order = drain(queue, Long.MAX_VALUE);
        List<Object> expected = new ArrayList<>();
        for (int i = 3; i < 200; i += 2) {
            expected.add(1000L + i);
        }
        assertEquals(expected, order);
        // Cancelling an entry that compaction already dropped changes no count.
        entries.get(4).cancel();
        assertEquals(0, queue.cancelledCount());
    }

    /** A small heap is never compacted, however much of it is cancelled (asyncio's threshold of 100). */
    @Test
    void aSmallHeapIsNotCompacted() {
        List<Object> log = new ArrayList<>();
        List<TimerEntry> entries = new ArrayList<>();
        for (int i = 0; i < TimerQueue.MIN_SIZE_TO_COMPACT; i++) {
            TimerEntry e = entry(i, log, i);
            entries.add(e);
            queue.add(e);
        }
        entries.forEach(TimerEntry::cancel);
        assertFalse(queue.compactIfMostlyCancelled());
        assertEquals(100, queue.size());
        assertEquals(List.of(), drain(queue, Long.MAX_VALUE));
        assertEquals(0, queue.size());
        assertEquals(0, queue.cancelledCount());
    }

    /** Cancelled entries at the top are dropped so the next deadline is a live one. */
    @Test
    void cancelledHeadsAreDroppedLazily() {
        List<Object> log = new ArrayList<>();
        TimerEntry a = entry(1, log, "a");
        TimerEntry b = entry(2, log, "b");
        TimerEntry c = entry(3, log, "c");
        queue.add(c);
        queue.add(a);
        queue.add(b);
        a.cancel();
        a.cancel();
        b.cancel();
        assertEquals(2, queue.cancelledCount());
        assertEquals(1, queue.peekDeadline());
        queue.dropCancelledHead();
        assertEquals(3, queue.peekDeadline());
        assertEquals(1, queue.size());
        assertEquals(0, queue.cancelledCount());
    }

    /**
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test__run_once_schedule_handle
     * and ::test__run_once_cancelled_event_cleanup, through the loop: one iteration drops
     * the cancelled majority of its timers before it decides how long to block.
     */
    @Test
    void theLoopCompactsItsTimersOnItsNextIteration() {
        List<TimerHandle> handles = new ArrayList<>();
        List<Object> ran = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            handles.add(loop.callLater(Duration.ofHours(1), () -> ran.add("x")));
        }
        for (int i = 0; i < 100; i++) {
            handles.get(i).cancel();
        }
        assertEquals(150, loop.scheduledTimers());
        assertEquals(100, loop.cancelledTimers());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(50, loop.scheduledTimers());
        assertEquals(0, loop.cancelledTimers());
        assertEquals(List.of(), ran);
        // A timer that came due runs and leaves the heap.
        loop.callLater(Duration.ZERO, () -> {
            ran.add("due");
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("due"), ran);
        assertEquals(50, loop.scheduledTimers());
    }

    /** Closing the loop clears the heap and detaches its entries. */
    @Test
    void clearDetachesEveryEntry() {
        List<Object> log = new ArrayList<>();
        TimerEntry a = entry(1, log, "a");
        queue.add(a);
        queue.clear();
        assertEquals(0, queue.size());
        assertEquals(null, a.queue);
        a.cancel();
        assertEquals(0, queue.cancelledCount());
    }
}
