package org.jasyncio.cli.http;

import java.util.List;

/**
 * A complete, validated request.
 *
 * @param method       the method token, e.g. {@code GET} (case-sensitive, as RFC 9110 says)
 * @param target       the request target as sent, e.g. {@code /index.html?q=1}
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (a later 1.x is read as 1.1)
 * @param headers      the header fields in order (trailers of a chunked body are not included)
 * @param body         the body: {@code Content-Length} bytes, or the decoded chunks; empty if none
 * @param keepAlive    whether the connection stays open after the response: HTTP/1.1 unless
 *                     {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}
 */
public record HttpRequest(String method, String target, int minorVersion, List<HttpHeader> headers, byte[] body,
        boolean keepAlive) {

    /** The value of the first header named {@code name} (any case), or {@code null}. */
    public String header(String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
