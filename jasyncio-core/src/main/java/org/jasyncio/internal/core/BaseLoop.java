package org.jasyncio.internal.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jasyncio.context.Context;
import org.jasyncio.internal.capability.CapabilityAnswers;
import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.io.IoBackend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.EventLoopClosedException;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.ExceptionHandler;
import org.jasyncio.loop.Handle;
import org.jasyncio.loop.TaskFactory;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * The run loop every loop kind shares: scheduling, timers, tasks, executors, error
 * handling and debug mode. Subclasses add the I/O API of their kind over an
 * {@link IoBackend}.
 *
 * <p>One iteration ({@link #runOnce()}), as asyncio's {@code _run_once} and libuv's
 * stages:
 * <ol>
 *   <li>compact the timer heap if most of it is cancelled;</li>
 *   <li>work out how long to block: not at all if anything is ready (or the loop is
 *       stopping), else until the first timer, else without limit;</li>
 *   <li>block in the backend, which dispatches I/O as it returns; when it would not
 *       block (items are ready), poll only when the {@link PollPacer} says so (100 µs
 *       or 1024 items since the last poll), on the first iteration of a run, and when
 *       stopping;</li>
 *   <li>move thread-safe arrivals, then every timer due within the clock's resolution,
 *       to the ready queue;</li>
 *   <li>run exactly the items that were ready at this point; what they schedule waits
 *       for the next iteration.</li>
 * </ol>
 *
 * <p>Design note on step 3: asyncio polls its selector on every iteration, even with
 * callbacks waiting, a system call per iteration ({@link PollPacer} says why jasyncio
 * does not, and how it still bounds how long ready I/O waits). What asyncio code relies
 * on is kept: {@code callSoon(loop::stop); runForever()} polls I/O once, because the
 * first iteration of a run and the stopping iteration always poll. Arrivals from other
 * threads and due timers are still taken on every iteration.
 */
public abstract class BaseLoop implements EventLoop, TaskHost {
    static final System.Logger LOG = System.getLogger("org.jasyncio");
    private static final AtomicBoolean WARNED_BATON = new AtomicBoolean();

    protected final IoBackend backend;
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    private final InboundQueue inbound;
    private final CoroutineScheduler scheduler;
    private final TaskRegistry pendingTasks = new TaskRegistry();
    private final LoopExecutors executors = new LoopExecutors(this);
    private final long resolutionNanos = Clock.resolutionNanos();
    private long timerSequence;
    private final PollPacer pollPacer = new PollPacer();

    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean stopping;
    private ExecState loopState;

    private boolean debug;
    /** In debug mode: the task whose step ran during the current item (names slow steps). */
    private Task<?> steppedTask;
    private long slowCallbackNanos = 100_000_000L;
    private ExceptionHandler exceptionHandler;
    private TaskFactory taskFactory;
    private volatile CapabilityAnswers answers;

    /** Which scheduler runs tasks: the property {@code jasyncio.scheduler} may force one. */
    public enum SchedulerChoice { AUTO, VIRTUAL_THREAD, BATON }

    protected BaseLoop(IoBackend backend, SchedulerChoice choice) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.inbound = new InboundQueue(backend);
        this.scheduler = newScheduler(choice);
        this.debug = debugFromEnvironment();
    }

    private CoroutineScheduler newScheduler(SchedulerChoice choice) {
        SchedulerChoice effective = choice;
        if (effective == SchedulerChoice.AUTO) {
            String forced = System.getProperty("jasyncio.scheduler", "auto");
            effective = switch (forced) {
                case "baton" -> SchedulerChoice.BATON;
                case "virtual-thread", "virtual" -> SchedulerChoice.VIRTUAL_THREAD;
                default -> SchedulerChoice.AUTO;
            };
        }
        if (effective == SchedulerChoice.BATON) {
            return new BatonScheduler(this);
        }
        if (VirtualThreads.customSchedulerAvailable()) {
            return new VirtualThreadScheduler(this);
        }
        if (effective == SchedulerChoice.VIRTUAL_THREAD) {
            throw new IllegalStateException("the virtual-thread scheduler is unavailable ("
                    + VirtualThreads.unavailableReason() + "); " + VirtualThreads.FLAG_HELP);
        }
        if (WARNED_BATON.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "jasyncio: tasks use the slow baton fallback (about 20 k "
                    + "switches/s instead of millions) because " + VirtualThreads.unavailableReason() + ". To fix: "
                    + VirtualThreads.FLAG_HELP);
        }
        return new BatonScheduler(this);
    }

    private static boolean debugFromEnvironment() {
        String prop = System.getProperty("jasyncio.debug");
        if (prop != null) {
            return Boolean.parseBoolean(prop) || "1".equals(prop);
        }
        String env = System.getenv("JASYNCIO_DEBUG");
        return env != null && !env.isEmpty() && !"0".equals(env);
    }

    // ================================================================== running and stopping

    @Override
    public void runForever() {
        checkClosed();
        checkNotRunning();
        ExecState state = ExecState.current();
        state.enterLoop(this);
        loopState = state;
        pollPacer.runStarting();
        thread = Thread.currentThread();
        running = true;
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            running = false;
            thread = null;
            state.exitLoop();
        }
    }

    @Override
    public <T> T runUntilComplete(Future<T> future) {
        checkClosed();
        checkNotRunning();
        if (future.getLoop() != this) {
            throw new IllegalArgumentException("The future belongs to a different loop than the one "
                    + "specified as the loop argument");
        }
        java.util.function.Consumer<Future<T>> stopWhenDone = f -> stop();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } catch (Throwable t) {
            if (future.done() && !future.cancelled()) {
                // The loop died with the future done: retrieve its exception so it is not
                // reported as never retrieved (asyncio does the same).
                future.exception();
            }
            throw t;
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    @Override
    public <T> T runUntilComplete(Coroutine<T> coroutine) {
        checkClosed();
        checkNotRunning(); // before the task exists: a refused run leaves no task behind
        return runUntilComplete(createTask(coroutine));
    }

    @Override
    public void stop() {
        stopping = true;
        if (running && !inLoopThread()) {
            backend.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (running) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        if (debug) {
            LOG.log(System.Logger.Level.DEBUG, "Close " + this);
        }
        closed = true;
        ready.clear();
        timers.clear();
        inbound.clear();
        executors.shutdownNow();
        closeIo();
        backend.close();
    }

    /** Hook for subclasses to release transports and servers before the backend closes. */
    protected void closeIo() {
    }

    @Override
    public Future<Void> shutdownDefaultExecutor(Duration timeout) {
        checkClosed();
        checkThread("shutdownDefaultExecutor");
        return executors.shutdownDefault(timeout);
    }

    // ================================================================== the iteration

    /** One iteration of the loop; see the class comment. */
    private void runOnce() {
        timers.compactIfMostlyCancelled();
        timers.dropCancelledHead();

        if (!ready.isEmpty() || stopping || !inbound.isEmpty()) {
            // Work is waiting: look at I/O without blocking, but only when the pacer says
            // so, and always on the last iteration before the loop stops.
            if (stopping) {
                pollIo(0);
            } else if (pollPacer.checkDue() && pollPacer.pollNow()) {
                backend.poll(0);
            }
        } else {
            long timeout = timers.isEmpty() ? -1 : Math.max(0, timers.peekDeadline() - Clock.nanos());
            if (timeout != 0 && inbound.prepareToSleep()) {
                timeout = 0;
            }
            try {
                pollIo(timeout);
            } finally {
                inbound.awake();
            }
        }
        inbound.drainTo(ready);

        if (!timers.isEmpty()) {
            timers.moveDue(Clock.nanos() + resolutionNanos, ready);
        }

        int todo = ready.size();
        if (debug || SLOW_EVENTS_ENABLED) {
            for (int i = 0; i < todo; i++) {
                Object item = ready.pollFirst();
                if (item == null) {
                    break;
                }
                steppedTask = null;
                long start = System.nanoTime();
                runItem(item);
                long took = System.nanoTime() - start;
                Task<?> stepped = steppedTask;
                steppedTask = null;
                if (took >= slowCallbackNanos) {
                    reportSlow(item, stepped, took);
                }
            }
        } else {
            for (int i = 0; i < todo; i++) {
                Object item = ready.pollFirst();
                if (item == null) {
                    break;
                }
                runItem(item);
            }
        }
        pollPacer.ran(todo);
    }

    /** A poll that may block (or ends the run): the pacer's next window starts after it. */
    private void pollIo(long timeoutNanos) {
        try {
            backend.poll(timeoutNanos);
        } finally {
            pollPacer.polled();
        }
    }

    private void runItem(Object item) {
        if (item instanceof CallbackHandle h) {
            h.runIn(this, loopState);
        } else {
            scheduler.runReadyItem((Runnable) item);
        }
    }

    /** Set with -Djasyncio.jfr=true: time callbacks for Flight Recorder outside debug mode too. */
    private static final boolean SLOW_EVENTS_ENABLED = Boolean.getBoolean("jasyncio.jfr");

    /**
     * A task's step ended (it parked or finished) on this loop. In debug mode it is
     * remembered until the item that ran it ends, so a slow item is reported as the task
     * (asyncio's "Executing <Task ...> took"), not as the internal callback that resumed it.
     */
    final void stepped(Task<?> task) {
        if (debug || SLOW_EVENTS_ENABLED) {
            steppedTask = task;
        }
    }

    private void reportSlow(Object item, Task<?> stepped, long nanos) {
        String what = stepped != null ? stepped.toString()
                : item instanceof CallbackHandle h ? h.toString() : "a task step (" + item + ")";
        if (debug) {
            LOG.log(System.Logger.Level.WARNING, String.format("Executing %s took %.3f seconds", what, nanos / 1e9));
        }
        SlowCallbackEvent event = new SlowCallbackEvent();
        if (event.isEnabled()) {
            event.callback = what;
            event.durationNanos = nanos;
            event.commit();
        }
    }

    // ================================================================== scheduling callbacks

    @Override
    public Handle callSoon(Runnable callback) {
        return enqueue(callback, callerContext("callSoon").copy());
    }

    @Override
    public Handle callSoon(Runnable callback, Context context) {
        checkThread("callSoon");
        return enqueue(callback, Objects.requireNonNull(context, "context"));
    }

    /** {@code callSoon} once the caller's thread is checked. */
    private Handle enqueue(Runnable callback, Context context) {
        checkClosed();
        CallbackHandle h = new CallbackHandle(this, Objects.requireNonNull(callback, "callback"), context);
        ready.addLast(h);
        return h;
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, Context.copyCurrent());
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkClosed();
        CallbackHandle h = new CallbackHandle(this, Objects.requireNonNull(callback, "callback"),
                Objects.requireNonNull(context, "context"));
        if (inLoopThread()) {
            ready.addLast(h);
        } else {
            inbound.add(h);
        }
        return h;
    }

    @Override
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLater(delay, callback, callerContext("callLater").copy());
    }

    @Override
    public TimerHandle callLater(Duration delay, Runnable callback, Context context) {
        long nanos = saturatedNanos(Objects.requireNonNull(delay, "delay"));
        return schedule(saturatedAdd(Clock.nanos(), nanos), callback, context);
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, callerContext("callAt").copy());
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback, Context context) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when is NaN");
        }
        double nanos = when * 1e9;
        long deadline = nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : nanos <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) nanos;
        return schedule(deadline, callback, context);
    }

    private TimerHandle schedule(long deadline, Runnable callback, Context context) {
        checkClosed();
        checkThread("callAt");
        TimerEntry entry = new TimerEntry(this, deadline, timerSequence++,
                Objects.requireNonNull(callback, "callback"), Objects.requireNonNull(context, "context"));
        timers.add(entry);
        return entry;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    @Override
    public double time() {
        return Clock.nanos() / 1e9;
    }

    @Override
    public Duration clockResolution() {
        return Duration.ofNanos(resolutionNanos);
    }

    @Override
    public boolean inLoopThread() {
        Thread current = Thread.currentThread();
        return current == thread || ownsThread(current);
    }

    /** Whether {@code t} is one of this loop's task threads (asked on {@code t} itself). */
    boolean ownsThread(Thread t) {
        if (!t.isVirtual() || t != Thread.currentThread()) {
            return false;
        }
        ExecState state = ExecState.peek();
        return state != null && state.loop() == this;
    }

    /** The thread running the loop, or {@code null} when it is not running. */
    Thread thread() {
        return thread;
    }

    // ================================================================== futures and tasks

    @Override
    public <T> Future<T> createFuture() {
        checkClosed();
        return new Future<>(this);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null, null);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        checkClosed();
        checkThread("createTask");
        TaskFactory factory = taskFactory;
        if (factory == null) {
            return new Task<>(this, coroutine, name, context);
        }
        return factory.create(this, coroutine, name, context);
    }

    @Override
    public void setTaskFactory(TaskFactory factory) {
        checkThread("setTaskFactory");
        this.taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    @Override
    public Set<Task<?>> allTasks() {
        checkThread("allTasks");
        return Collections.unmodifiableSet(pendingTasks.pending());
    }

    @Override
    public CoroutineScheduler coroutineScheduler() {
        return scheduler;
    }

    @Override
    public int taskStarted(Task<?> task) {
        return pendingTasks.add(task);
    }

    @Override
    public void taskFinished(Task<?> task, int registration) {
        pendingTasks.remove(task, registration);
        scheduler.finished(task);
        stepped(task);
    }

    @Override
    public void callFirst(Runnable callback, Context context) {
        ready.addFirst(new CallbackHandle(this, callback, context));
    }

    /**
     * Puts a continuation (or a baton first step) at the front of the ready queue. Loop
     * thread. Not for resumers: a continuation runs "in a continuation", where waking a
     * task only queues it, so a resumer must go in as a callback ({@link #callFirst}).
     */
    void readyPushFront(Runnable item) {
        ready.addFirst(item);
    }

    /** Appends an I/O callback's handle to the ready queue (it may be appended again later). Loop thread. */
    void readyAddHandle(CallbackHandle handle) {
        if (!handle.cancelled()) {
            ready.addLast(handle);
        }
    }

    /** Appends a continuation (or a baton first step) to the ready queue. Loop thread (or not running). */
    void readyAdd(Runnable item) {
        ready.addLast(item);
    }

    /** Hands a continuation to the loop from another thread. */
    void inboundAdd(Runnable item) {
        inbound.add(item);
    }

    // ================================================================== executors

    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> function) {
        checkClosed();
        checkThread("runInExecutor");
        return executors.run(executor, Objects.requireNonNull(function, "function"));
    }

    @Override
    public void setDefaultExecutor(ExecutorService executor) {
        checkThread("setDefaultExecutor");
        executors.setDefault(Objects.requireNonNull(executor, "executor"));
    }

    // ================================================================== error handling

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        StringBuilder text = new StringBuilder(context.message());
        for (Map.Entry<String, Object> e : context.details().entrySet()) {
            Object value = e.getValue();
            if (value instanceof Throwable trace && (e.getKey().endsWith("traceback"))) {
                text.append('\n').append(e.getKey()).append(":");
                for (StackTraceElement frame : trace.getStackTrace()) {
                    text.append("\n    at ").append(frame);
                }
            } else {
                text.append('\n').append(e.getKey()).append(": ").append(value);
            }
        }
        Throwable exception = context.exception();
        if (exception != null) {
            LOG.log(System.Logger.Level.ERROR, text.toString(), exception);
        } else {
            LOG.log(System.Logger.Level.ERROR, text.toString());
        }
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            try {
                defaultExceptionHandler(context);
            } catch (Throwable t) {
                System.err.println("jasyncio: exception in the default exception handler: " + t);
            }
            return;
        }
        try {
            handler.handle(this, context);
        } catch (Throwable t) {
            try {
                defaultExceptionHandler(ExceptionContext.of("Unhandled error in exception handler", t)
                        .with("context", context.asMap()));
            } catch (Throwable t2) {
                System.err.println("jasyncio: exception in the default exception handler: " + t2);
            }
        }
    }

    // ================================================================== capabilities

    /** What capability providers may ask about this loop. */
    protected abstract LoopTraits traits();

    /** This loop's answers, worked out on first use (immutable, so a racy first use is harmless). */
    protected final CapabilityAnswers capabilityAnswers() {
        CapabilityAnswers a = answers;
        if (a == null) {
            a = CapabilityRegistry.answers(traits());
            answers = a;
        }
        return a;
    }

    @Override
    public boolean supports(Capability capability) {
        return capabilityAnswers().supports(Objects.requireNonNull(capability, "capability"));
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilityAnswers().supported();
    }

    @Override
    public Optional<String> whyNot(Capability capability) {
        return capabilityAnswers().whyNot(Objects.requireNonNull(capability, "capability"));
    }

    // ================================================================== debug mode

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    @Override
    public Duration getSlowCallbackDuration() {
        return Duration.ofNanos(slowCallbackNanos);
    }

    @Override
    public void setSlowCallbackDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("slow callback duration must not be negative: " + duration);
        }
        this.slowCallbackNanos = saturatedNanos(duration);
    }

    // ================================================================== checks

    /** Throws {@link EventLoopClosedException} if closed. */
    protected final void checkClosed() {
        if (closed) {
            throw new EventLoopClosedException("Event loop is closed");
        }
    }

    /** Throws if this loop, or another one, is running on the calling thread. */
    private void checkNotRunning() {
        if (running) {
            throw new IllegalStateException("This event loop is already running");
        }
        ExecState state = ExecState.peek();
        if (state != null && state.loop() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    /** Throws if a foreign thread calls a loop-confined method while the loop runs. */
    protected final void checkThread(String operation) {
        Thread current = Thread.currentThread();
        if (current != thread && running && !ownsThread(current)) {
            throw wrongThread(operation);
        }
    }

    private IllegalStateException wrongThread(String operation) {
        return new IllegalStateException(operation + "() is not thread-safe and was called from "
                + Thread.currentThread() + " while the loop runs on " + thread
                + "; use callSoonThreadsafe() or AsyncIO.runCoroutineThreadsafe()");
    }

    /**
     * The calling thread's current context, after the check of {@link #checkThread}.
     *
     * <p>Design note: this is on the path of every {@code callSoon}. On the loop thread the
     * context is read from the loop's own {@link ExecState} (no thread-local lookup); on a
     * task's thread one lookup answers both "is it ours?" and "which context?".
     */
    private Context callerContext(String operation) {
        Thread current = Thread.currentThread();
        if (current == thread) {
            return loopState.context();
        }
        ExecState state = ExecState.peek();
        if (state != null && state.loop() == this && current.isVirtual()) {
            return state.context();
        }
        if (running) {
            throw wrongThread(operation);
        }
        return Context.current();
    }

    /** Number of ready items and timers, for tests and reports. */
    public final int pendingCallbacks() {
        return ready.size();
    }

    public final int scheduledTimers() {
        return timers.size();
    }

    public final int cancelledTimers() {
        return timers.cancelledCount();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " backend=" + backend.name() + " scheduler=" + scheduler.name()
                + " running=" + running + " closed=" + closed + " debug=" + debug + ">";
    }
}
