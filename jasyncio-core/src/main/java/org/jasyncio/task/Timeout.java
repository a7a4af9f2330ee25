package org.jasyncio.task;

import java.time.Duration;
import java.util.Objects;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Handle;

/**
 * A deadline for a block of code in the current task: asyncio 3.11's {@code Timeout}
 * ({@code async with asyncio.timeout(delay):}).
 *
 * <pre>{@code
 * String page = AsyncIO.timeout(Duration.ofSeconds(10), () -> fetch(url));   // TimeoutException when late
 *
 * Timeout t = AsyncIO.timeout(Duration.ofSeconds(10));
 * String page = t.run(() -> {
 *     var head = readHead();
 *     t.reschedule(t.when() + 5);      // more time for the body
 *     return readBody(head);
 * });
 * if (t.expired()) { ... }
 * }</pre>
 *
 * <p>When the deadline passes, the current task is cancelled: whatever it awaits throws
 * {@link CancelledException}, its {@code finally} blocks run, and when that cancellation
 * leaves the body, {@link #run} turns it into {@link TimeoutException}, withdrawing the
 * cancellation with {@link Task#uncancel()}. A cancellation that did not come from this
 * timeout (one more {@link Task#cancel()} since {@code run} began, counted by
 * {@link Task#cancelling()}) is left alone, so nested timeouts and outside cancellation
 * compose as in asyncio.
 *
 * <p>Design note: why a method taking the body rather than try-with-resources. Java's
 * try-with-resources calls {@code close()} without the body's exception and keeps that
 * exception whatever {@code close()} throws; converting the {@link CancelledException}
 * that leaves the body into {@link TimeoutException} is exactly the one thing it cannot
 * do, and getting it wrong leaves a task cancelled by a timeout it already withdrew. So
 * {@link #run} is {@code async with}: it sees the body's outcome, like {@code __aexit__}.
 *
 * <p>Threading: loop-confined; {@link #run} must be called inside a task.
 */
public final class Timeout {
    /** asyncio's {@code _State}. */
    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private State state = State.CREATED;
    private double when;
    private Handle handler;
    private Task<?> task;
    private int cancellingOnEntry;

    /**
     * A timeout that will fire at {@code when} (loop time, seconds) once entered;
     * {@link Double#POSITIVE_INFINITY} for never. {@code AsyncIO.timeout} and
     * {@code AsyncIO.timeoutAt} are the usual ways to make one.
     */
    public Timeout(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("the deadline is NaN; use Double.POSITIVE_INFINITY for no deadline");
        }
        this.when = when;
    }

    /** A timeout {@code delay} from now on the running loop; {@code null} for no deadline. */
    public static Timeout after(Duration delay) {
        if (delay == null) {
            return new Timeout(Double.POSITIVE_INFINITY);
        }
        return new Timeout(RunningLoop.require().time() + seconds(delay));
    }

    /** {@code delay} in seconds, saturating instead of overflowing. */
    static double seconds(Duration delay) {
        return delay.getSeconds() + delay.getNano() / 1e9;
    }

    /** The deadline in loop time, or {@link Double#POSITIVE_INFINITY} when there is none. */
    public double when() {
        return when;
    }

    /**
     * Moves the deadline to {@code newWhen} (loop time; {@link Double#POSITIVE_INFINITY}
     * for none). A deadline already past fires on the next iteration.
     *
     * @throws IllegalStateException when the timeout is not running its body (not entered
     *         yet, expiring, or finished)
     */
    public void reschedule(double newWhen) {
        if (Double.isNaN(newWhen)) {
            throw new IllegalArgumentException("the deadline is NaN; use Double.POSITIVE_INFINITY for no deadline");
        }
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + stateName() + " Timeout");
        }
        when = newWhen;
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (newWhen != Double.POSITIVE_INFINITY) {
            EventLoop loop = task.getLoop();
            handler = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(newWhen, this::onTimeout);
        }
    }

    /** Whether the deadline passed while the body ran (asyncio's {@code expired()}). */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Runs {@code body} in the current task under this deadline and returns its result:
     * asyncio's {@code async with timeout:}.
     *
     * @throws TimeoutException when the deadline cancelled the body and nothing else
     *         cancelled the task meanwhile
     * @throws IllegalStateException when entered twice or outside a task
     */
    public <T> T run(Coroutine<T> body) {
        Objects.requireNonNull(body, "body");
        enter();
        T value;
        try {
            value = body.run();
        } catch (Throwable failure) {
            throw Future.<RuntimeException>sneaky(exit(failure));
        }
        exit(null);
        return value;
    }

    /** {@link #run(Coroutine)} for a body with no result. */
    public void run(Coroutine.AsyncRunnable body) {
        Objects.requireNonNull(body, "body");
        run(Coroutine.of(body));
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        task = Task.requireCurrent("Timeout");
        state = State.ENTERED;
        cancellingOnEntry = task.cancelling();
        reschedule(when);
    }

    /**
     * asyncio's {@code __aexit__}: returns what the caller must throw when {@code failure}
     * is not {@code null}.
     */
    private Throwable exit(Throwable failure) {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingOnEntry && failure != null) {
                // No cancellation arrived since entry other than ours: this one is ours to convert.
                if (failure instanceof CancelledException cancelled) {
                    return new TimeoutException("the deadline passed (Timeout)", cancelled);
                }
                // asyncio records the TimeoutError in the exception's context chain; Java
                // attaches it as suppressed so the stack trace still says what happened.
                failure.addSuppressed(new TimeoutException("the deadline had passed when this was thrown"));
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return failure;
    }

    private void onTimeout() {
        if (state != State.ENTERED) {
            return;
        }
        task.cancel();
        state = State.EXPIRING;
        handler = null;
    }

    private String stateName() {
        return switch (state) {
            case CREATED -> "created";
            case ENTERED -> "active";
            case EXPIRING -> "expiring";
            case EXPIRED -> "expired";
            case EXITED -> "finished";
        };
    }

    @Override
    public String toString() {
        String info = "";
        if (state == State.ENTERED) {
            info = " when=" + (when == Double.POSITIVE_INFINITY ? "None" : String.format("%.3f", when));
        }
        return "<Timeout [" + stateName() + "]" + info + ">";
    }
}
