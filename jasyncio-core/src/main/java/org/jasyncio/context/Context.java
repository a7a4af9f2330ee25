package org.jasyncio.context;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.internal.core.ExecState;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}.
 *
 * <p>The mapping itself is immutable and shared; a {@code Context} is a mutable cell
 * holding the current mapping, so {@link #copy()} costs one allocation and
 * {@link ContextVar#set} replaces the mapping of the context it runs in.
 */
public final class Context {
    /** Entries are stored as a flat array {@code [var0, value0, var1, value1, ...]}. */
    private static final Object[] EMPTY = new Object[0];

    private Object[] entries;

    /** A new, empty context. */
    public Context() {
        this.entries = EMPTY;
    }

    private Context(Object[] entries) {
        this.entries = entries;
    }

    /** The context of the calling thread or task (Python's {@code copy_context()} without the copy). */
    public static Context current() {
        return ExecState.current().context();
    }

    /** A copy of the current context: Python's {@code contextvars.copy_context()}. */
    public static Context copyCurrent() {
        return current().copy();
    }

    /** A shallow copy: later {@code set}s in either context are not seen by the other. */
    public Context copy() {
        return new Context(entries);
    }

    /**
     * Runs {@code action} with this context as the current context of the calling thread,
     * then restores the previous one.
     */
    public void run(Runnable action) {
        ExecState state = ExecState.current();
        Context previous = state.swapContext(this);
        try {
            action.run();
        } finally {
            state.swapContext(previous);
        }
    }

    /** Like {@link #run(Runnable)} for an action that returns a value. */
    public <T> T call(Supplier<T> action) {
        ExecState state = ExecState.current();
        Context previous = state.swapContext(this);
        try {
            return action.get();
        } finally {
            state.swapContext(previous);
        }
    }

    /** The value of {@code var} in this context, or {@code null} when it has none. */
    public <T> T get(ContextVar<T> var) {
        int i = indexOf(var);
        @SuppressWarnings("unchecked")
        T value = i < 0 ? null : (T) entries[i + 1];
        return value;
    }

    /** Whether {@code var} has a value in this context. */
    public boolean containsKey(ContextVar<?> var) {
        return indexOf(var) >= 0;
    }

    /** How many variables have a value here. */
    public int size() {
        return entries.length / 2;
    }

    /** A snapshot of the mapping, in the order the variables were first set. */
    public Map<ContextVar<?>, Object> toMap() {
        Map<ContextVar<?>, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((ContextVar<?>) entries[i], entries[i + 1]);
        }
        return map;
    }

    /** Sets {@code var} in this context; returns the previous entry state for {@link #restore}. */
    Object put(ContextVar<?> var, Object value) {
        int i = indexOf(var);
        Object[] next;
        Object previous;
        if (i >= 0) {
            previous = entries[i + 1];
            next = entries.clone();
            next[i + 1] = value;
        } else {
            previous = ContextVar.MISSING;
            next = Arrays.copyOf(entries, entries.length + 2);
            next[entries.length] = var;
            next[entries.length + 1] = value;
        }
        entries = next;
        return previous;
    }

    /** Puts back what {@link #put} returned: a value, or {@link ContextVar#MISSING} to remove. */
    void restore(ContextVar<?> var, Object previous) {
        if (previous == ContextVar.MISSING) {
            int i = indexOf(var);
            if (i < 0) {
                return;
            }
            Object[] next = new Object[entries.length - 2];
            System.arraycopy(entries, 0, next, 0, i);
            System.arraycopy(entries, i + 2, next, i, entries.length - i - 2);
            entries = next;
        } else {
            put(var, previous);
        }
    }

    private int indexOf(ContextVar<?> var) {
        Objects.requireNonNull(var, "var");
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == var) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Context" + toMap();
    }
}
