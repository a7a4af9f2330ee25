package org.jasyncio.internal.signal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jasyncio.context.Context;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.EventLoopClosedException;
import org.jasyncio.loop.Signal;

/**
 * One loop's signal handlers: asyncio's {@code _signal_handlers}. At most one handler per
 * signal; adding another replaces it. A delivered signal runs the handler registered
 * <em>when the loop gets to it</em>: a handler removed or replaced in between does not run.
 *
 * <p>Threading: {@link #add}, {@link #remove} and {@link #closeAll} on the loop's thread
 * (the loop checks); {@link #deliver} on the JVM's signal threads.
 */
public final class LoopSignalHandlers {
    /** What runs for one signal, in the context that was current when it was added. */
    private record Registration(Runnable callback, Context context) {
    }

    private final EventLoop loop;
    private final Map<Signal, Registration> handlers = new ConcurrentHashMap<>();

    public LoopSignalHandlers(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Adds (or replaces) the handler of {@code signal}.
     *
     * @throws IllegalArgumentException if the signal cannot be handled here; nothing changes
     * @throws IllegalStateException if it is ignored since start and that cannot be lifted here
     */
    public void add(Signal signal, Runnable callback, Context context) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(callback, "callback");
        Registration previous = handlers.put(signal, new Registration(callback, context));
        try {
            SignalDispatcher.attach(signal, this);
        } catch (RuntimeException refused) {
            if (previous == null) {
                handlers.remove(signal);
            } else {
                handlers.put(signal, previous);
            }
            throw refused;
        }
    }

    /** Removes the handler of {@code signal}; false when there was none. */
    public boolean remove(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        if (handlers.remove(signal) == null) {
            return false;
        }
        SignalDispatcher.detach(signal, this);
        return true;
    }

    /** Removes every handler (the loop is closing). */
    public void closeAll() {
        for (Signal signal : List.copyOf(handlers.keySet())) {
            remove(signal);
        }
    }

    /** Whether a handler is installed for {@code signal}. */
    public boolean has(Signal signal) {
        return handlers.containsKey(signal);
    }

    /**
     * Hands one delivery of {@code signal} to the loop; false when this loop has no
     * handler for it any more or is closed.
     */
    boolean deliver(Signal signal) {
        Registration registration = handlers.get(signal);
        if (registration == null) {
            return false;
        }
        try {
            loop.callSoonThreadsafe(() -> {
                if (handlers.get(signal) == registration) {
                    registration.callback().run();
                }
            }, registration.context());
            return true;
        } catch (EventLoopClosedException closed) {
            return false;
        }
    }
}
