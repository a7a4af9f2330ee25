package org.jasyncio.stream;

/**
 * The separator was not found within the reader's limit: asyncio's
 * {@code LimitOverrunError}. The data stays in the reader's buffer (for
 * {@link StreamReader#readuntil}); {@link #consumed()} is how many bytes to consume to
 * get past the offending data, as in asyncio.
 */
public class LimitOverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** The number of bytes to be consumed (asyncio's {@code consumed}). */
    public int consumed() {
        return consumed;
    }
}
