package org.jasyncio.internal.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Select;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.testing.Fds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * select's FD_SETSIZE cap (asyncio's SelectSelector): a descriptor at or above 1024 is
 * refused with an error naming the backends without a limit; epoll and poll take it.
 */
class SelectLimitTest {

    @BeforeAll
    static void needsSelectAndEnoughDescriptors() {
        assumeTrue(Backend.SELECT.isAvailable(), "select is not available here");
        long[] limits = Libc.getrlimit(Libc.RLIMIT_NOFILE);
        long wanted = Select.FD_SETSIZE + 64;
        if (limits[0] != Libc.RLIM_INFINITY && limits[0] < wanted) {
            assumeTrue(limits[1] == Libc.RLIM_INFINITY || limits[1] >= wanted, "the hard RLIMIT_NOFILE ("
                    + limits[1] + ") is below " + wanted + ": descriptors above FD_SETSIZE cannot be opened here");
            Libc.setrlimit(Libc.RLIMIT_NOFILE, wanted, limits[1]);
        }
    }

    @Test
    void aDescriptorAtFdSetSizeIsRefusedNamingTheAlternatives() {
        try (Fds fds = new Fds(); SelectorEventLoop loop = SelectorEventLoop.open(Backend.SELECT)) {
            int[] pipe = fds.pipe();
            int high = fds.dupAtLeast(pipe[0], Select.FD_SETSIZE);
            assertTrue(high >= Select.FD_SETSIZE);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> loop.addReader(high, () -> { }));
            String message = e.getMessage();
            assertTrue(message.contains("FD_SETSIZE (1024)"), message);
            assertTrue(message.contains("file descriptor " + high), message);
            assertTrue(message.contains("epoll") && message.contains("poll") && message.contains("nio"), message);
            assertFalse(loop.removeReader(high));

            int low = fds.dupAtLeast(pipe[0], Select.FD_SETSIZE - 1);
            if (low == Select.FD_SETSIZE - 1) {
                int[] calls = {0};
                loop.addReader(low, () -> calls[0]++);
                fds.close(pipe[1]);
                loop.callLater(java.time.Duration.ofMillis(20), loop::stop);
                loop.runForever();
                assertTrue(calls[0] > 0, "descriptor 1023 is still watched");
                assertTrue(loop.removeReader(low));
            }
        }
    }

    @Test
    void epollAndPollWatchTheSameHighDescriptor() {
        for (Backend backend : List.of(Backend.EPOLL, Backend.POLL)) {
            try (Fds fds = new Fds(); SelectorEventLoop loop = SelectorEventLoop.open(backend)) {
                int[] pipe = fds.pipe();
                int high = fds.dupAtLeast(pipe[0], Select.FD_SETSIZE + 10);
                List<Integer> calls = new ArrayList<>();
                loop.addReader(high, () -> {
                    calls.add(high);
                    loop.stop();
                });
                Fds.write(pipe[1], "x");
                loop.runForever();
                assertEquals(List.of(high), calls, backend.id());
                assertTrue(loop.removeReader(high));
            }
        }
    }

    @Test
    void theLoopSaysSoBeforeAnythingIsOpened() {
        try (EventLoop loop = SelectorEventLoop.open(Backend.SELECT)) {
            assertFalse(loop.supports(org.jasyncio.loop.Capability.UNLIMITED_DESCRIPTORS));
        }
    }
}
