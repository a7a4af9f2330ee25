package org.jasyncio.internal.core;

/**
 * Decides when a loop that has items ready looks at I/O anyway (step 3 of
 * {@link BaseLoop}'s iteration).
 *
 * <p>Design note: asyncio polls its selector on every iteration, even with callbacks
 * ready, which costs a system call (~0.3 µs) per iteration: a callback that reschedules
 * itself, or a task doing {@code sleep(0)} alone, then runs a few million times per
 * second at most. jasyncio bounds instead how long ready I/O can wait behind busy items:
 * it polls once {@value #TARGET_NANOS} ns have passed since the last poll, or
 * {@value #MAX_ITEMS} items ran, whichever comes first. Reading the clock costs too, so
 * the pacer reads it only every {@link #checkInterval} items: {@value #MAX_CHECK} for
 * light items, fewer when a check finds that the items since the previous check took
 * longer than the target (down to every item, when each item is that long: asyncio's
 * behaviour). A burst of trivial callbacks thus pays one clock reading per 64 of them
 * and one poll per 1024, and a task computing in slices separated by {@code sleep(0)}
 * still sees its I/O within about 100 µs or one slice. Loop thread only.
 */
final class PollPacer {
    /** How long ready I/O should wait at most behind busy items (when no single item is longer). */
    static final long TARGET_NANOS = 100_000;
    /** Poll at least every this many items, however quick they are. */
    static final int MAX_ITEMS = 1024;
    /** Read the clock at least every this many items. */
    static final int MAX_CHECK = 64;

    private int checkInterval = MAX_CHECK;
    private int ranSinceCheck;
    private int ranSincePoll;
    private long lastCheck;
    private long lastPoll;

    /** A run of the loop starts: its first iteration polls. */
    void runStarting() {
        long now = Clock.nanos();
        lastCheck = now;
        lastPoll = now - TARGET_NANOS;
        ranSinceCheck = checkInterval;
    }

    /** Whether it is time to ask {@link #pollNow()}: cheap, asked on every busy iteration. */
    boolean checkDue() {
        return ranSinceCheck >= checkInterval;
    }

    /**
     * Reads the clock, adapts the check interval to how long the items since the last
     * check took, and says whether the loop should poll I/O now (it then does, without
     * blocking; the next window starts now).
     */
    boolean pollNow() {
        long now = Clock.nanos();
        long sinceCheck = now - lastCheck;
        if (sinceCheck > TARGET_NANOS) {
            checkInterval = (int) Math.max(1, checkInterval * TARGET_NANOS / sinceCheck);
        } else if (sinceCheck < TARGET_NANOS / 2 && checkInterval < MAX_CHECK) {
            checkInterval = Math.min(MAX_CHECK, checkInterval * 2);
        }
        lastCheck = now;
        ranSincePoll += ranSinceCheck;
        ranSinceCheck = 0;
        if (now - lastPoll >= TARGET_NANOS || ranSincePoll >= MAX_ITEMS) {
            ranSincePoll = 0;
            lastPoll = now;
            return true;
        }
        return false;
    }

    /** {@code n} items ran. */
    void ran(int n) {
        ranSinceCheck += n;
    }

    /** Another poll (one that may have blocked) returned: the windows start again. */
    void polled() {
        long now = Clock.nanos();
        ranSinceCheck = 0;
        ranSincePoll = 0;
        lastCheck = now;
        lastPoll = now;
    }

    /** Items between clock readings now, for tests. */
    int checkInterval() {
        return checkInterval;
    }
}
