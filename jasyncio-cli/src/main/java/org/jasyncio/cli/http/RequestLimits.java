package org.jasyncio.cli.http;

/**
 * What a request may weigh before the parser refuses it.
 *
 * @param maxHeadBytes the request line plus header fields, CRLFs included (and, for a
 *                     chunked body, its trailer section): beyond it the answer is 431
 *                     (414 if the request line alone does not fit)
 * @param maxHeaders   header fields per request: beyond it, 431
 * @param maxBodyBytes body bytes (after chunked decoding): beyond it, 413
 */
public record RequestLimits(int maxHeadBytes, int maxHeaders, int maxBodyBytes) {

    /** 8 KiB of request line and headers, 100 header fields, 1 MiB of body. */
    public static final RequestLimits DEFAULTS = new RequestLimits(8 * 1024, 100, 1024 * 1024);

    public RequestLimits {
        if (maxHeadBytes < 16 || maxHeaders < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits too small: maxHeadBytes " + maxHeadBytes + " (at least 16), "
                    + "maxHeaders " + maxHeaders + " (at least 1), maxBodyBytes " + maxBodyBytes + " (at least 0)");
        }
    }
}
