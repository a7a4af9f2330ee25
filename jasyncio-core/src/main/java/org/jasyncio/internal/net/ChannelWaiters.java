package org.jasyncio.internal.net;

import java.nio.channels.SelectableChannel;
import java.util.IdentityHashMap;
import java.util.Map;

import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.task.Future;

/**
 * The one-shot readiness waits of the {@code sock*} operations: at most one reader and
 * one writer per channel, each tied to the future of the operation it completes. A
 * channel is registered with the backend only while someone waits on it, so it can be
 * handed to a transport (or closed) afterwards.
 *
 * <p>Design note: asyncio's {@code add_reader} silently replaces an earlier reader, which
 * leaves the earlier {@code sock_recv} waiting forever; here a second concurrent wait of
 * the same kind is refused with an error instead. A waiter whose future is already done
 * (cancelled, say) counts as gone.
 */
final class ChannelWaiters {
    private final IoContext io;
    private final Map<SelectableChannel, Entry> entries = new IdentityHashMap<>();

    ChannelWaiters(IoContext io) {
        this.io = io;
    }

    /** Calls {@code action} whenever {@code channel} is readable, until {@link #remove} for {@code future}. */
    void addReader(SelectableChannel channel, Future<?> future, Runnable action) {
        entryFor(channel).setReader(new Waiter(future, action));
    }

    void addWriter(SelectableChannel channel, Future<?> future, Runnable action) {
        entryFor(channel).setWriter(new Waiter(future, action));
    }

    /** Stops the waits of {@code future} on {@code channel}; unregisters the channel when none is left. */
    void remove(SelectableChannel channel, Future<?> future) {
        Entry e = entries.get(channel);
        if (e == null) {
            return;
        }
        if (e.reader != null && e.reader.future == future) {
            e.reader = null;
        }
        if (e.writer != null && e.writer.future == future) {
            e.writer = null;
        }
        e.update();
    }

    /** Channels with a wait in progress (for tests and reports). */
    int waiting() {
        return entries.size();
    }

    private Entry entryFor(SelectableChannel channel) {
        if (io.ownerOf(channel) != null) {
            throw new IllegalStateException("the socket " + channel + " is used by transport " + io.ownerOf(channel)
                    + "; a socket owned by a transport or server cannot be used with sock* methods");
        }
        Entry e = entries.get(channel);
        if (e == null) {
            e = new Entry(channel);
            entries.put(channel, e);
        }
        return e;
    }

    private record Waiter(Future<?> future, Runnable action) {
        boolean live() {
            return !future.done();
        }
    }

    private final class Entry implements ReadinessBackend.ReadyListener {
        final SelectableChannel channel;
        ReadinessBackend.Registration registration;
        Waiter reader;
        Waiter writer;

        Entry(SelectableChannel channel) {
            this.channel = channel;
        }

        void setReader(Waiter w) {
            if (reader != null && reader.live()) {
                throw new IllegalStateException("another task is already waiting to read from " + channel
                        + "; wait for its sock* call to finish first");
            }
            reader = w;
            update();
        }

        void setWriter(Waiter w) {
            if (writer != null && writer.live()) {
                throw new IllegalStateException("another task is already waiting to write to " + channel
                        + "; wait for its sock* call to finish first");
            }
            writer = w;
            update();
        }

        void update() {
            if (reader != null && !reader.live()) {
                reader = null;
            }
            if (writer != null && !writer.live()) {
                writer = null;
            }
            int ops = (reader != null ? ReadinessBackend.READ : 0) | (writer != null ? ReadinessBackend.WRITE : 0);
            if (ops == 0) {
                if (registration != null) {
                    registration.cancel();
                    registration = null;
                }
                entries.remove(channel);
                return;
            }
            if (registration == null) {
                try {
                    registration = io.backend().register(Pollable.of(channel), ops, this);
                } catch (RuntimeException e) {
                    reader = null;
                    writer = null;
                    entries.remove(channel);
                    throw e;
                }
            } else if (registration.interest() != ops) {
                registration.interest(ops);
            }
        }

        @Override
        public void ready(int readyOps) {
            Waiter r = reader;
            if ((readyOps & ReadinessBackend.READ) != 0 && r != null) {
                r.action.run();
            }
            Waiter w = writer;
            if ((readyOps & ReadinessBackend.WRITE) != 0 && w != null) {
                w.action.run();
            }
        }
    }
}
