package org.jasyncio.internal.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * Runs attempts with staggered starts and keeps the first that succeeds: asyncio's
 * {@code staggered.staggered_race}, the engine of Happy Eyeballs (RFC 8305).
 *
 * <p>Attempt 0 starts at once. Attempt {@code i + 1} starts when attempt {@code i} fails
 * or {@code delay} after attempt {@code i} started, whichever comes first ({@code delay}
 * {@code null}: only when it fails). The first
 * attempt to succeed wins: every other running attempt is cancelled, and one that
 * succeeds anyway afterwards is handed to {@code discard} (its socket closed). The race
 * ends with no winner once every attempt has failed. Cancelling the awaiting task
 * cancels every attempt.
 *
 * @param <T> what an attempt produces
 */
final class StaggeredRace<T> {
    private final EventLoop loop;
    private final List<Coroutine<T>> attempts;
    private final Duration delay;
    private final Consumer<T> discard;
    private final List<Task<T>> running = new ArrayList<>();
    private final List<Throwable> exceptions = new ArrayList<>();
    private final Future<Void> done;
    private int next;
    private TimerHandle timer;
    private boolean finished;
    private T winner;
    private int winnerIndex = -1;

    private StaggeredRace(EventLoop loop, List<Coroutine<T>> attempts, Duration delay, Consumer<T> discard) {
        this.loop = loop;
        this.attempts = attempts;
        this.delay = delay;
        this.discard = discard;
        this.done = loop.createFuture();
    }

    /**
     * The winner and its index ({@code (null, -1)} when every attempt failed), and per
     * attempt started its exception ({@code null} for the winner and for attempts cut short
     * after it; a {@link CancelledException} for one cancelled before it ended).
     */
    record Outcome<T>(T winner, int index, List<Throwable> exceptions) {
    }

    static <T> Outcome<T> run(EventLoop loop, List<Coroutine<T>> attempts, Duration delay, Consumer<T> discard) {
        StaggeredRace<T> race = new StaggeredRace<>(loop, attempts, delay, discard);
        race.startNext();
        try {
            race.done.await();
        } catch (CancelledException cancelled) {
            race.finish();
            throw cancelled;
        }
        return new Outcome<>(race.winner, race.winnerIndex,
                java.util.Collections.unmodifiableList(new ArrayList<>(race.exceptions)));
    }

    private void startNext() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (finished) {
            return;
        }
        if (next >= attempts.size()) {
            endIfAllFailed();
            return;
        }
        int index = next++;
        exceptions.add(null);
        Task<T> task = loop.createTask(attempts.get(index), "happy-eyeballs-attempt-" + index);
        running.add(task);
        task.addDoneCallback(t -> attemptDone(index, t));
        if (next < attempts.size() && delay != null) {
            timer = loop.callLater(delay, this::startNext);
        }
    }

    private void attemptDone(int index, Future<T> task) {
        if (task.cancelled()) {
            exceptions.set(index, new CancelledException("attempt " + index + " was cancelled"));
        } else if (task.exception() != null) {
            exceptions.set(index, task.exception());
            if (!finished) {
                startNext();
                return;
            }
        } else if (finished) {
            if (task.result() != null) {
                discard.accept(task.result());
            }
        } else {
            winner = task.result();
            winnerIndex = index;
            finish();
            return;
        }
        endIfAllFailed();
    }

    /**
     * Ends the race once every attempt was started and has ended (after a winner, the
     * attempts it cancelled; without one, all of them: a running attempt may still win).
     */
    private void endIfAllFailed() {
        if (!finished && next < attempts.size()) {
            return;
        }
        if (allEnded()) {
            finished = true;
            wake();
        }
    }

    /** Ends the race: stops the timer and cancels the attempts still running. */
    private void finish() {
        finished = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        for (Task<T> t : running) {
            if (!t.done()) {
                t.cancel();
            }
        }
        if (allEnded()) {
            wake();
        }
    }

    private boolean allEnded() {
        for (Task<T> t : running) {
            if (!t.done()) {
                return false;
            }
        }
        return true;
    }

    private void wake() {
        if (!done.done()) {
            done.setResult(null);
        }
    }
}
