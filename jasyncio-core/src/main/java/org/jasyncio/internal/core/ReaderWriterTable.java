package org.jasyncio.internal.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jasyncio.context.Context;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.Handle;

/**
 * The loop's {@code addReader}/{@code addWriter} callbacks: asyncio's
 * {@code _add_reader}/{@code _remove_reader}/{@code _process_events}, kept out of the
 * loop class.
 *
 * <p>One backend registration per source, shared by its reader and writer; its interest
 * is the sides that have a callback. A callback is a {@link Handle}: readiness appends
 * it to the ready queue (the same handle every time, as asyncio does), so it runs in the
 * loop's order and its exceptions reach the exception handler. Adding a callback for a
 * side that has one replaces it and cancels the old handle; a handle the user cancelled
 * removes its side at the next readiness. Loop thread only.
 */
final class ReaderWriterTable {
    private final BaseLoop loop;
    private final ReadinessBackend backend;
    /** Keyed by the channel itself or by the {@code Integer} descriptor, as given. */
    private final Map<Object, Watch> watches = new HashMap<>();

    ReaderWriterTable(BaseLoop loop, ReadinessBackend backend) {
        this.loop = loop;
        this.backend = backend;
    }

    /** Installs {@code callback} on one side ({@code READ} or {@code WRITE}) of {@code source}. */
    Handle add(Object key, Pollable source, int side, Runnable callback) {
        CallbackHandle handle = new CallbackHandle(loop, Objects.requireNonNull(callback, "callback"),
                Context.copyCurrent());
        Watch watch = watches.get(key);
        if (watch == null) {
            Watch fresh = new Watch(key);
            fresh.set(side, handle);
            fresh.registration = backend.register(source, side, fresh);
            watches.put(key, fresh);
            return handle;
        }
        CallbackHandle previous = watch.get(side);
        watch.set(side, handle);
        if (previous != null) {
            previous.cancel();
        } else {
            try {
                watch.registration.interest(watch.interest());
            } catch (RuntimeException e) {
                watch.set(side, null);
                throw e;
            }
        }
        return handle;
    }

    /** Removes one side's callback; returns whether there was one. */
    boolean remove(Object key, int side) {
        Watch watch = watches.get(key);
        if (watch == null) {
            return false;
        }
        CallbackHandle handle = watch.get(side);
        watch.set(side, null);
        int remaining = watch.interest();
        if (remaining == 0) {
            watches.remove(key);
            watch.registration.cancel();
        } else if (watch.registration.isValid()) {
            watch.registration.interest(remaining);
        }
        if (handle == null) {
            return false;
        }
        handle.cancel();
        return true;
    }

    /** Drops every callback and registration (the loop is closing). */
    void clear() {
        for (Watch watch : new ArrayList<>(watches.values())) {
            if (watch.reader != null) {
                watch.reader.cancel();
            }
            if (watch.writer != null) {
                watch.writer.cancel();
            }
            watch.registration.cancel();
        }
        watches.clear();
    }

    int size() {
        return watches.size();
    }

    /** One watched source: its registration and the handle of each side. */
    private final class Watch implements ReadinessBackend.ReadyListener {
        final Object key;
        ReadinessBackend.Registration registration;
        CallbackHandle reader;
        CallbackHandle writer;

        Watch(Object key) {
            this.key = key;
        }

        CallbackHandle get(int side) {
            return side == ReadinessBackend.READ ? reader : writer;
        }

        void set(int side, CallbackHandle handle) {
            if (side == ReadinessBackend.READ) {
                reader = handle;
            } else {
                writer = handle;
            }
        }

        int interest() {
            return (reader != null ? ReadinessBackend.READ : 0) | (writer != null ? ReadinessBackend.WRITE : 0);
        }

        @Override
        public void ready(int readyOps) {
            if ((readyOps & ReadinessBackend.READ) != 0 && reader != null) {
                if (reader.cancelled()) {
                    remove(key, ReadinessBackend.READ);
                } else {
                    loop.readyAddHandle(reader);
                }
            }
            if ((readyOps & ReadinessBackend.WRITE) != 0 && writer != null) {
                if (writer.cancelled()) {
                    remove(key, ReadinessBackend.WRITE);
                } else {
                    loop.readyAddHandle(writer);
                }
            }
        }
    }
}
