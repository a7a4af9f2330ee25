package org.jasyncio.context;

import java.util.Objects;

/**
 * A context variable: Python's {@code contextvars.ContextVar}.
 *
 * <p>Its value is looked up in the {@link Context#current() current context}, so each
 * task sees what it (or its creator, before the task was created) set.
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    /** Marks "no value" in a token; never visible to users. */
    static final Object MISSING = new Object();

    private final String name;
    private final T defaultValue;
    private final boolean hasDefault;

    /** A variable with no default: {@link #get()} throws when it has no value. */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = null;
        this.hasDefault = false;
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} when it has no value. */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.hasDefault = true;
    }

    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the variable's default.
     *
     * @throws java.util.NoSuchElementException when there is neither (Python's LookupError)
     */
    public T get() {
        Context context = Context.current();
        if (context.containsKey(this)) {
            return context.get(this);
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new java.util.NoSuchElementException("ContextVar '" + name + "' has no value and no default");
    }

    /** The value in the current context, else {@code fallback} (ignoring the variable's default). */
    public T get(T fallback) {
        Context context = Context.current();
        return context.containsKey(this) ? context.get(this) : fallback;
    }

    /** Sets the value in the current context; the token undoes it with {@link #reset}. */
    public Token<T> set(T value) {
        Context context = Context.current();
        Object previous = context.put(this, value);
        return new Token<>(context, this, previous);
    }

    /**
     * Restores the value this variable had before the {@code set} that made {@code token}.
     *
     * @throws IllegalStateException if the token was already used, was made in another
     *         context, or by another variable
     */
    public void reset(Token<T> token) {
        if (token.var() != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        Context context = Context.current();
        if (token.context() != context) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        token.markUsed();
        context.restore(this, token.previousRaw());
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
    }

    /**
     * What {@link ContextVar#set} returns: enough to undo that one change.
     *
     * @param <T> the variable's type
     */
    public static final class Token<T> {
        private final Context context;
        private final ContextVar<T> var;
        private final Object previous;
        private boolean used;

        Token(Context context, ContextVar<T> var, Object previous) {
            this.context = context;
            this.var = var;
            this.previous = previous;
        }

        Context context() {
            return context;
        }

        public ContextVar<T> var() {
            return var;
        }

        /** Whether the variable had a value before the {@code set}. */
        public boolean hadValue() {
            return previous != MISSING;
        }

        /** The value before the {@code set}, or {@code null} when it had none. */
        @SuppressWarnings("unchecked")
        public T oldValue() {
            return previous == MISSING ? null : (T) previous;
        }

        Object previousRaw() {
            return previous;
        }

        void markUsed() {
            if (used) {
                throw new IllegalStateException(this + " has already been used once");
            }
            used = true;
        }

        @Override
        public String toString() {
            return "<Token" + (used ? " used" : "") + " var=" + var + ">";
        }
    }
}
