package org.jasyncio.internal.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import org.jasyncio.internal.io.IoBackend;

/**
 * The JDK {@link Selector} as a readiness backend. Ready keys are dispatched to the
 * {@link NioListener} attached to them, on the loop thread.
 */
public final class NioBackend implements IoBackend {
    private final Selector selector;
    private boolean closed;

    public NioBackend() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a java.nio Selector", e);
        }
    }

    /** The selector, for registering channels. Loop thread only. */
    public Selector selector() {
        return selector;
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public void poll(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow(this::dispatch);
            } else if (timeoutNanos < 0) {
                selector.select(this::dispatch);
            } else {
                selector.select(this::dispatch, IoBackend.toMillisCeil(timeoutNanos));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Selector.select failed", e);
        }
    }

    private void dispatch(SelectionKey key) {
        if (key.attachment() instanceof NioListener listener) {
            int ready = key.isValid() ? key.readyOps() : 0;
            listener.ready(key, ready);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Selector failed", e);
        }
    }

    /** What a channel registered with this backend gets called with when it is ready. */
    @FunctionalInterface
    public interface NioListener {
        void ready(SelectionKey key, int readyOps);
    }
}
