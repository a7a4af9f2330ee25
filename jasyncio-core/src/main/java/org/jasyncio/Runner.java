package org.jasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jasyncio.context.Context;
import org.jasyncio.internal.core.ExecState;
import org.jasyncio.internal.signal.JvmSignals;
import org.jasyncio.internal.signal.SignalDispatcher;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.Signal;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * Runs coroutines on one loop it owns: asyncio 3.11's {@code asyncio.Runner}.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     runner.run(() -> firstStep());
 *     runner.run(() -> secondStep());
 * }
 * }</pre>
 *
 * <p>While {@link #run} runs, Ctrl-C (SIGINT) cancels the main task; the run then ends
 * with {@link KeyboardInterruptException}. A second Ctrl-C goes to the handler that was
 * there before (the JVM's: it exits). {@link #close()} cancels leftover tasks, shuts the
 * default executor down and closes the loop.
 */
public final class Runner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");
    private static final Duration THREAD_JOIN_TIMEOUT = Duration.ofSeconds(300);
    /** One runner at a time owns SIGINT. */
    private static final Object SIGINT_LOCK = new Object();
    private static Runner sigintOwner;

    private enum State { CREATED, INITIALIZED, CLOSED }

    private final Boolean debug;
    private final Supplier<? extends EventLoop> loopFactory;
    private State state = State.CREATED;
    private EventLoop loop;
    private Context context;
    private final AtomicInteger interrupts = new AtomicInteger();

    /** A runner on a new default loop. */
    public Runner() {
        this(null, null);
    }

    /**
     * @param debug       force debug mode on or off; {@code null} leaves the loop's default
     * @param loopFactory makes the loop (asyncio 3.12's {@code loop_factory}, e.g. a
     *                    {@link LoopFactory}); {@code null} for {@link LoopFactory#platformDefault()}
     */
    public Runner(Boolean debug, Supplier<? extends EventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /** {@code Runner.builder().loopFactory(LoopFactory.selector(Backend.POLL)).debug(true).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names the optional settings of a {@link Runner}. */
    public static final class Builder {
        private Boolean debug;
        private Supplier<? extends EventLoop> loopFactory;

        private Builder() {
        }

        /** Force debug mode on or off (default: the loop's own default). */
        public Builder debug(boolean on) {
            this.debug = on;
            return this;
        }

        /** The factory of the runner's loop (default: {@link LoopFactory#platformDefault()}). */
        public Builder loopFactory(Supplier<? extends EventLoop> factory) {
            this.loopFactory = java.util.Objects.requireNonNull(factory, "factory");
            return this;
        }

        public Runner build() {
            return new Runner(debug, loopFactory);
        }
    }

    /** The runner's loop, created on first use. */
    public EventLoop getLoop() {
        lazyInit();
        return loop;
    }

    /** Runs {@code coroutine} to completion in a copy of the runner's context. */
    public <T> T run(Coroutine<T> coroutine) {
        return run(coroutine, null);
    }

    /**
     * Runs {@code coroutine} to completion and returns its result.
     *
     * @throws KeyboardInterruptException when Ctrl-C cancelled it
     * @throws IllegalStateException when called inside a running loop or after close
     */
    public <T> T run(Coroutine<T> coroutine, Context runContext) {
        ExecState current = ExecState.peek();
        if (current != null && current.loop() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        lazyInit();
        Task<T> task = loop.createTask(coroutine, null, runContext != null ? runContext : context);
        JvmSignals.Installed sigint = installSigint(task);
        interrupts.set(0);
        try {
            return loop.runUntilComplete(task);
        } catch (CancelledException cancelled) {
            if (interrupts.get() > 0 && task.uncancel() == 0) {
                throw new KeyboardInterruptException("interrupted by SIGINT (Ctrl-C); the main task was cancelled",
                        cancelled);
            }
            throw cancelled;
        } finally {
            restoreSigint(sigint);
        }
    }

    private JvmSignals.Installed installSigint(Task<?> mainTask) {
        synchronized (SIGINT_LOCK) {
            if (sigintOwner != null || Boolean.getBoolean("jasyncio.noSigint")) {
                return null;
            }
            if (SignalDispatcher.handled(Signal.INT)) {
                // As asyncio's Runner: a program that handles SIGINT itself keeps it.
                return null;
            }
            EventLoop l = loop;
            JvmSignals.Installed[] self = new JvmSignals.Installed[1];
            try {
                self[0] = JvmSignals.install("INT", signal -> {
                    if (interrupts.incrementAndGet() == 1 && !l.isClosed()) {
                        try {
                            l.callSoonThreadsafe(() -> {
                                if (!mainTask.done()) {
                                    mainTask.cancel();
                                }
                            });
                            return;
                        } catch (IllegalStateException closed) {
                            // fall through to the previous handler
                        }
                    }
                    JvmSignals.Installed installed = self[0];
                    if (installed != null && installed.previous() != null) {
                        installed.previous().handle(signal);
                    }
                });
            } catch (IllegalArgumentException | IllegalStateException refused) {
                LOG.log(System.Logger.Level.DEBUG, "Ctrl-C will not cancel the main task: " + refused.getMessage());
                return null;
            }
            sigintOwner = this;
            return self[0];
        }
    }

    private void restoreSigint(JvmSignals.Installed installed) {
        if (installed == null) {
            return;
        }
        synchronized (SIGINT_LOCK) {
            installed.restore();
            sigintOwner = null;
        }
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        loop = loopFactory == null ? LoopFactory.platformDefault().newLoop() : loopFactory.get();
        if (debug != null) {
            loop.setDebug(debug);
        }
        context = Context.copyCurrent();
        state = State.INITIALIZED;
    }

    /** Cancels leftover tasks, shuts the default executor down, closes the loop. */
    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            return;
        }
        try {
            cancelAllTasks(loop);
            loop.runUntilComplete(loop.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT));
        } finally {
            loop.close();
            loop = null;
            state = State.CLOSED;
        }
    }

    /** asyncio's {@code _cancel_all_tasks}: cancel, wait for all, report their failures. */
    static void cancelAllTasks(EventLoop loop) {
        List<Task<?>> toCancel = new ArrayList<>(loop.allTasks());
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        Future<Void> all = loop.createFuture();
        int[] remaining = {toCancel.size()};
        for (Task<?> t : toCancel) {
            t.addDoneCallback(f -> {
                if (--remaining[0] == 0 && !all.done()) {
                    all.setResult(null);
                }
            });
        }
        loop.runUntilComplete(all);
        for (Task<?> t : toCancel) {
            if (t.cancelled()) {
                continue;
            }
            Throwable error = t.exception();
            if (error != null) {
                loop.callExceptionHandler(ExceptionContext
                        .of("unhandled exception during asyncio.run() shutdown", error)
                        .with(ExceptionContext.TASK, t));
            }
        }
    }
}
