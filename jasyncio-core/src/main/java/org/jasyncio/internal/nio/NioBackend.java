package org.jasyncio.internal.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import org.jasyncio.internal.io.IoBackend;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * The JDK {@link Selector} as a readiness backend: portable, channels only.
 *
 * <p>Design note: {@code SelectionKey.cancel()} only takes effect at the next select:
 * until then the channel cannot be registered again ({@link CancelledKeyException}), and
 * closing it does not close its descriptor (the JDK defers that to the deregistration),
 * so a closed server would still accept connections. Cancelling a registration therefore
 * flushes it at once with a {@code selectNow()}. Readiness that this flush reports for
 * other channels is kept and dispatched by the next {@link #poll}, never in the middle
 * of the caller's code; for the same reason {@code poll} collects what select reports
 * and dispatches it after select returns.
 */
public final class NioBackend implements ReadinessBackend {
    private final Selector selector;
    private final java.util.ArrayDeque<SelectionKey> deferred = new java.util.ArrayDeque<>();
    private boolean closed;

    public NioBackend() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a java.nio Selector", e);
        }
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public boolean watchesRawDescriptors() {
        return false;
    }

    @Override
    public Registration register(Pollable source, int interest, ReadyListener listener) {
        if (!(source instanceof Pollable.OfChannel(SelectableChannel channel))) {
            throw new UnsupportedOperationException("the nio backend (java.nio.channels.Selector) watches JDK "
                    + "channels only, not raw file descriptor " + ((Pollable.OfFd) source).fd()
                    + "; use a loop on the epoll, poll or select backend for raw descriptors");
        }
        checkInterest(interest);
        try {
            channel.configureBlocking(false);
            SelectionKey existing = channel.keyFor(selector);
            if (existing != null) {
                if (existing.isValid()) {
                    throw new IllegalArgumentException(channel + " is already registered with this loop");
                }
                flushCancelledKeys();
            }
            NioRegistration registration = new NioRegistration(listener);
            registration.key = channel.register(selector, 0, registration);
            registration.interest(interest);
            return registration;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("cannot watch a closed channel: " + channel, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + channel + " with the selector", e);
        }
    }

    @Override
    public void poll(long timeoutNanos) {
        long timeout = deferred.isEmpty() ? timeoutNanos : 0;
        try {
            if (timeout == 0) {
                selector.selectNow(this::collect);
            } else if (timeout < 0) {
                selector.select(this::collect);
            } else {
                selector.select(this::collect, IoBackend.toMillisCeil(timeout));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Selector.select failed", e);
        }
        // Dispatch outside select: a listener may cancel registrations, which selects again.
        int n = deferred.size();
        for (int i = 0; i < n; i++) {
            SelectionKey key = deferred.pollFirst();
            if (key.attachment() instanceof NioRegistration r) {
                r.queued = false;
            }
            if (key.isValid()) {
                dispatch(key);
            }
        }
    }

    /** Queues a selected key once, for dispatch after the select returns. */
    private void collect(SelectionKey key) {
        if (key.attachment() instanceof NioRegistration r && !r.queued) {
            r.queued = true;
            deferred.addLast(key);
        }
    }

    private void dispatch(SelectionKey key) {
        if (!(key.attachment() instanceof NioRegistration registration)) {
            return;
        }
        int ready;
        try {
            ready = key.readyOps() & (READ | WRITE | SelectionKey.OP_ACCEPT | SelectionKey.OP_CONNECT);
        } catch (CancelledKeyException cancelled) {
            return;
        }
        int mapped = 0;
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            mapped |= READ;
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            mapped |= WRITE;
        }
        if (mapped != 0) {
            registration.listener.ready(mapped);
        }
    }

    /** Makes cancelled keys take effect now; keeps what select reports for the next poll. */
    private void flushCancelledKeys() {
        if (closed) {
            return;
        }
        try {
            selector.selectNow(this::collect);
        } catch (IOException e) {
            throw new UncheckedIOException("Selector.selectNow failed", e);
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

    private static int checkInterest(int ops) {
        if ((ops & ~(READ | WRITE)) != 0) {
            throw new IllegalArgumentException("interest must combine ReadinessBackend.READ and WRITE only: " + ops);
        }
        return ops;
    }

    /**
     * Maps READ/WRITE onto the ops the channel supports: a server channel's READ is
     * OP_ACCEPT, a connecting socket's WRITE includes OP_CONNECT.
     */
    private static int toNioOps(SelectableChannel channel, int interest) {
        int valid = channel.validOps();
        int ops = 0;
        if ((interest & READ) != 0) {
            ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if ((interest & WRITE) != 0) {
            ops |= valid & SelectionKey.OP_WRITE;
            if ((valid & SelectionKey.OP_CONNECT) != 0 && channel instanceof java.nio.channels.SocketChannel sc
                    && sc.isConnectionPending()) {
                ops |= SelectionKey.OP_CONNECT;
            }
        }
        return ops;
    }

    private final class NioRegistration implements Registration {
        final ReadyListener listener;
        SelectionKey key;
        int interest;
        /** Whether the key waits in {@code deferred}. */
        boolean queued;

        NioRegistration(ReadyListener listener) {
            this.listener = listener;
        }

        @Override
        public void interest(int ops) {
            checkInterest(ops);
            interest = ops;
            try {
                key.interestOps(toNioOps(key.channel(), ops));
            } catch (CancelledKeyException e) {
                throw new IllegalStateException("registration was cancelled or its channel closed", e);
            }
        }

        @Override
        public int interest() {
            return interest;
        }

        @Override
        public void cancel() {
            if (key.isValid()) {
                key.cancel();
                flushCancelledKeys();
            }
        }

        @Override
        public boolean isValid() {
            return key.isValid();
        }
    }
}
