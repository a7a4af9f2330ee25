package org.jasyncio.task;

/**
 * How a child started with {@link TaskGroup#start} says it is ready: Trio's
 * {@code task_status}. Call {@link #started(Object)} exactly once, from the child.
 *
 * @param <V> what the child hands to the caller of {@code start}
 */
public final class TaskStatus<V> {
    private final TaskGroup group;
    private final Future<V> ready;
    Task<?> child;
    boolean adopted;

    TaskStatus(TaskGroup group, Future<V> ready) {
        this.group = group;
        this.ready = ready;
    }

    /** {@link #started(Object)} with {@code null}. */
    public void started() {
        started(null);
    }

    /**
     * Moves the child into the group and lets {@code start} return {@code value}.
     *
     * @throws IllegalStateException when called twice, when the caller of {@code start}
     *         stopped waiting (it was cancelled), or when the group no longer accepts tasks
     */
    public void started(V value) {
        if (adopted) {
            throw new IllegalStateException("started() was already called");
        }
        if (ready.done()) {
            throw new IllegalStateException("the caller of TaskGroup.start() stopped waiting (it was cancelled)");
        }
        group.adoptStarted(child);
        adopted = true;
        ready.setResult(value);
    }
}
