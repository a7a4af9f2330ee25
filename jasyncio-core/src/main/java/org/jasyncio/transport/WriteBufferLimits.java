package org.jasyncio.transport;

/**
 * A transport's write flow-control water marks, in bytes: asyncio's
 * {@code get_write_buffer_limits()} pair {@code (low, high)}. The protocol's
 * {@code pauseWriting()} is called when the buffer grows above {@code high},
 * {@code resumeWriting()} when it drains to {@code low} or below.
 */
public record WriteBufferLimits(int low, int high) {
    /** asyncio's defaults: 16 KiB low, 64 KiB high. */
    public static final WriteBufferLimits DEFAULT = new WriteBufferLimits(16 * 1024, 64 * 1024);

    public WriteBufferLimits {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
    }

    /**
     * The limits asyncio derives from optional arguments: with neither, the defaults; with
     * only {@code low}, {@code high = 4 * low}; with only {@code high}, {@code low = high / 4}.
     */
    public static WriteBufferLimits of(Integer high, Integer low) {
        int h = high != null ? high : low == null ? DEFAULT.high() : 4 * low;
        int l = low != null ? low : h / 4;
        return new WriteBufferLimits(l, h);
    }
}
