package org.jasyncio.task;

import java.util.List;
import java.util.Objects;

/**
 * Several failures at once, none of them lost: Python's {@code ExceptionGroup} as a
 * {@link TaskGroup} raises it ("unhandled errors in a TaskGroup").
 *
 * <p>{@link #exceptions()} holds every failure in the order they happened; each is also
 * attached as a suppressed exception so that a printed stack trace shows them all, and
 * the first is the {@linkplain #getCause() cause}. Catch the group and look inside:
 * <pre>{@code
 * } catch (ExceptionGroup group) {
 *     for (Throwable t : group.exceptions()) { ... }
 * }</pre>
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Throwable> exceptions;

    /**
     * @param message    what the failures have in common
     * @param exceptions the failures, at least one; the list is copied
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(describe(message, exceptions), exceptions.isEmpty() ? null : exceptions.get(0));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            Objects.requireNonNull(t, "exception");
            if (t != getCause()) {
                addSuppressed(t);
            }
        }
    }

    private static String describe(String message, List<? extends Throwable> exceptions) {
        int n = exceptions.size();
        return message + " (" + n + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }

    /** Every failure, in the order they happened (Python's {@code exceptions}). */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
