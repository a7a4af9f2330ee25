package org.jasyncio.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.Backend;
import org.jasyncio.testing.Fds;
import org.junit.jupiter.api.Test;

/** epoll with 10,000 registrations (raw eventfds): exactly the signalled ones are reported. */
class EpollScaleTest {
    private static final int COUNT = 10_000;

    @Test
    void tenThousandRegistrationsReportExactlyTheReadyOnes() {
        assumeTrue(Backend.EPOLL.isAvailable(), "epoll is not available here");
        long[] limits = Libc.getrlimit(Libc.RLIMIT_NOFILE);
        long wanted = COUNT + 256;
        if (limits[0] != Libc.RLIM_INFINITY && limits[0] < wanted) {
            assumeTrue(limits[1] == Libc.RLIM_INFINITY || limits[1] >= wanted,
                    "the hard RLIMIT_NOFILE (" + limits[1] + ") is below " + wanted);
            Libc.setrlimit(Libc.RLIMIT_NOFILE, wanted, limits[1]);
        }
        List<Integer> eventfds = new ArrayList<>(COUNT);
        try (EpollBackend epoll = new EpollBackend()) {
            Set<Integer> heard = new TreeSet<>();
            List<ReadinessBackend.Registration> registrations = new ArrayList<>(COUNT);
            for (int i = 0; i < COUNT; i++) {
                int fd = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
                eventfds.add(fd);
                int id = i;
                registrations.add(epoll.register(Pollable.of(fd), ReadinessBackend.READ, ops -> heard.add(id)));
            }
            assertEquals(COUNT, epoll.registrations());
            int[] chosen = {0, 1234, COUNT / 2, COUNT - 1};
            for (int i : chosen) {
                signal(eventfds.get(i));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (heard.size() < chosen.length && System.nanoTime() < deadline) {
                epoll.poll(20_000_000L);
            }
            assertEquals(Set.of(0, 1234, COUNT / 2, COUNT - 1), heard);
            registrations.forEach(ReadinessBackend.Registration::cancel);
            assertEquals(0, epoll.registrations());
        } finally {
            eventfds.forEach(Libc::close);
        }
    }

    private static void signal(int eventfd) {
        // eventfd takes an 8-byte counter increment; any 8 bytes with a non-zero value do.
        assertEquals(8, Fds.write(eventfd, "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000"));
    }
}
