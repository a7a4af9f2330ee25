package org.jasyncio.stream;

import java.util.Arrays;

/**
 * End of stream came before the requested bytes: asyncio's {@code IncompleteReadError}
 * (an {@code EOFError}). {@link #partial()} holds what was read before the end; the
 * reader's buffer is empty afterwards.
 */
public class IncompleteReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final Integer expected;

    /**
     * @param partial  the bytes read before end of stream (kept as given)
     * @param expected the number of bytes asked for, or {@code null} when undefined (readuntil)
     */
    public IncompleteReadException(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected)
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before end of stream. */
    public byte[] partial() {
        return partial;
    }

    /** The number of bytes expected, or {@code null} when it was not defined (a separator was awaited). */
    public Integer expected() {
        return expected;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage() + " (partial=" + Arrays.toString(
                partial.length > 32 ? Arrays.copyOf(partial, 32) : partial) + ")";
    }
}
