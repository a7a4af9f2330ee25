package org.jasyncio.internal.poll;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.jasyncio.internal.fd.FdRegistration;
import org.jasyncio.internal.fd.FdBackendState;
import org.jasyncio.internal.fd.ReadyOps;
import org.jasyncio.internal.fd.ReadyBatch;
import org.jasyncio.internal.ffm.Poll;
import org.jasyncio.internal.io.IoBackend;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * POSIX {@code poll(2)} through FFM: asyncio's {@code PollSelector}. No descriptor limit;
 * each wait costs time proportional to the number of registrations.
 *
 * <p>Design notes: the {@code pollfd} array is kept dense and in step with the
 * registrations (slot 0 is the wake-up eventfd; a cancelled registration's slot is
 * filled by the last one), so a wait passes it to the kernel as it is. A silent
 * registration (interest 0) keeps its slot with a negative descriptor, which poll
 * skips: otherwise error and hang-up, reported whatever the mask, would spin the loop.
 * {@code POLLNVAL} on a closed channel drops its registration; on a raw descriptor it is
 * reported as ready for every interest, so the owner's next read or write meets the error.
 */
public final class PollBackend implements ReadinessBackend, FdRegistration.Host {
    static final String NAME = "poll";
    private static final int WAKEUP_SLOT = 0;

    private final FdBackendState state = new FdBackendState(NAME);
    private final ReadyBatch batch = new ReadyBatch();
    private MemorySegment pollfds;
    private FdRegistration[] slots;
    private int count;

    public PollBackend() {
        this.slots = new FdRegistration[64];
        this.pollfds = Arena.ofAuto().allocate(Poll.POLLFD, slots.length);
        Poll.setFd(pollfds, WAKEUP_SLOT, state.wakeupFd());
        Poll.setEvents(pollfds, WAKEUP_SLOT, Poll.POLLIN);
        count = 1;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watchesRawDescriptors() {
        return true;
    }

    @Override
    public Registration register(Pollable source, int interest, ReadyListener listener) {
        FdRegistration registration = state.newRegistration(this, source, interest, listener);
        if (count == slots.length) {
            grow();
        }
        registration.index = count++;
        slots[registration.index] = registration;
        writeSlot(registration);
        state.table().put(registration);
        return registration;
    }

    private void grow() {
        int capacity = slots.length * 2;
        MemorySegment bigger = Arena.ofAuto().allocate(Poll.POLLFD, capacity);
        bigger.copyFrom(pollfds.asSlice(0, count * Poll.POLLFD_SIZE));
        pollfds = bigger;
        slots = Arrays.copyOf(slots, capacity);
    }

    private void writeSlot(FdRegistration registration) {
        int interest = registration.interest();
        short events = 0;
        if ((interest & READ) != 0) {
            events |= Poll.POLLIN;
        }
        if ((interest & WRITE) != 0) {
            events |= Poll.POLLOUT;
        }
        Poll.setFd(pollfds, registration.index, interest == 0 ? -1 : registration.fd());
        Poll.setEvents(pollfds, registration.index, events);
    }

    @Override
    public void interestChanged(FdRegistration registration, int previous) {
        state.checkOpen();
        writeSlot(registration);
    }

    @Override
    public void cancelled(FdRegistration registration) {
        state.table().remove(registration);
        if (state.isClosed()) {
            return;
        }
        int slot = registration.index;
        int last = --count;
        if (slot != last) {
            FdRegistration moved = slots[last];
            moved.index = slot;
            slots[slot] = moved;
            writeSlot(moved);
        }
        slots[last] = null;
    }

    @Override
    public void poll(long timeoutNanos) {
        state.checkOpen();
        int timeout = timeoutNanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, IoBackend.toMillisCeil(timeoutNanos));
        int n = Poll.poll(pollfds, count, timeout);
        if (n == 0) {
            return;
        }
        for (int i = 0; i < count && n > 0; i++) {
            short revents = Poll.revents(pollfds, i);
            if (revents == 0) {
                continue;
            }
            n--;
            if (i == WAKEUP_SLOT) {
                state.drainWakeup();
            } else {
                batch.add(slots[i], ReadyOps.fromPollEvents(revents));
            }
        }
        batch.dispatchAll();
    }

    @Override
    public void wakeup() {
        state.wakeup();
    }

    /** Number of registered sources, for tests and reports. */
    public int registrations() {
        return state.table().size();
    }

    @Override
    public void close() {
        if (state.close()) {
            Arrays.fill(slots, null);
        }
    }
}
