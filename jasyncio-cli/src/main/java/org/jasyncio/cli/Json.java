package org.jasyncio.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal JSON writer: objects keep their keys in insertion order, so output is stable
 * for the same input. Values: strings, numbers, booleans, {@code null}, nested objects and
 * arrays.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private final List<Boolean> firstInScope = new ArrayList<>();
    private int depth;

    Json beginObject() {
        valueSeparator();
        out.append('{');
        push();
        return this;
    }

    Json endObject() {
        pop();
        out.append('}');
        return this;
    }

    Json beginArray() {
        valueSeparator();
        out.append('[');
        push();
        return this;
    }

    Json endArray() {
        pop();
        out.append(']');
        return this;
    }

    /** Starts a member of the current object: the value written next belongs to it. */
    Json key(String name) {
        separator();
        quote(name);
        out.append(": ");
        pendingKey = true;
        return this;
    }

    Json value(String text) {
        valueSeparator();
        if (text == null) {
            out.append("null");
        } else {
            quote(text);
        }
        return this;
    }

    Json value(long number) {
        valueSeparator();
        out.append(number);
        return this;
    }

    Json value(double number) {
        valueSeparator();
        out.append(String.format(Locale.ROOT, "%.3f", number));
        return this;
    }

    Json value(boolean flag) {
        valueSeparator();
        out.append(flag);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    // ------------------------------------------------------------------ layout

    private boolean pendingKey;

    private void valueSeparator() {
        if (pendingKey) {
            pendingKey = false;
            return;
        }
        if (depth > 0) {
            separator();
        }
    }

    private void separator() {
        int last = firstInScope.size() - 1;
        if (!firstInScope.get(last)) {
            out.append(',');
        }
        firstInScope.set(last, false);
        out.append('\n').append("  ".repeat(depth));
    }

    private void push() {
        depth++;
        firstInScope.add(true);
    }

    private void pop() {
        boolean empty = firstInScope.removeLast();
        depth--;
        if (!empty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
