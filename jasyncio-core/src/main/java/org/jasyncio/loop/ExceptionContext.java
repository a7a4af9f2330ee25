package org.jasyncio.loop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link ExceptionHandler} receives: asyncio's context dictionary, with its keys.
 *
 * <p>{@code message} is always present; {@code exception} may be {@code null}. The other
 * keys asyncio defines ({@link #FUTURE}, {@link #TASK}, {@link #HANDLE}, {@link #PROTOCOL},
 * {@link #TRANSPORT}, {@link #SOCKET}, {@link #SOURCE_TRACEBACK},
 * {@link #HANDLE_TRACEBACK}) live in {@link #details()}; {@link #get(String)} answers all.
 *
 * @param message   what went wrong
 * @param exception the exception, or {@code null}
 * @param details   the other keys, in insertion order (unmodifiable)
 */
public record ExceptionContext(String message, Throwable exception, Map<String, Object> details) {
    public static final String MESSAGE = "message";
    public static final String EXCEPTION = "exception";
    public static final String FUTURE = "future";
    public static final String TASK = "task";
    public static final String HANDLE = "handle";
    public static final String PROTOCOL = "protocol";
    public static final String TRANSPORT = "transport";
    public static final String SOCKET = "socket";
    public static final String ASYNCGEN = "asyncgen";
    /** Where the future or handle was created (debug mode only): a {@link Throwable}. */
    public static final String SOURCE_TRACEBACK = "source_traceback";
    /** Where the handle that failed was created (debug mode only): a {@link Throwable}. */
    public static final String HANDLE_TRACEBACK = "handle_traceback";

    public ExceptionContext {
        Objects.requireNonNull(message, "message");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A context with a message and an exception (which may be null). */
    public static ExceptionContext of(String message, Throwable exception) {
        return new ExceptionContext(message, exception, Map.of());
    }

    /** A copy with one more key. */
    public ExceptionContext with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (MESSAGE.equals(key) || EXCEPTION.equals(key)) {
            throw new IllegalArgumentException("use the record's own components for " + key);
        }
        Map<String, Object> next = new LinkedHashMap<>(details);
        next.put(key, value);
        return new ExceptionContext(message, exception, next);
    }

    /** The value for any asyncio key, {@code message} and {@code exception} included. */
    public Object get(String key) {
        return switch (key) {
            case MESSAGE -> message;
            case EXCEPTION -> exception;
            default -> details.get(key);
        };
    }

    /** All keys with their values, {@code message} first, as asyncio's dictionary. */
    public Map<String, Object> asMap() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(MESSAGE, message);
        if (exception != null) {
            all.put(EXCEPTION, exception);
        }
        all.putAll(details);
        return all;
    }
}
