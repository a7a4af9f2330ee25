package org.jasyncio.cli.http;

import java.nio.charset.StandardCharsets;

/** The response statuses this server sends, with their RFC 9110 reason phrases. */
public enum HttpStatus {
    OK(200, "OK"),
    BAD_REQUEST(400, "Bad Request"),
    CONTENT_TOO_LARGE(413, "Content Too Large"),
    URI_TOO_LONG(414, "URI Too Long"),
    REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
    NOT_IMPLEMENTED(501, "Not Implemented"),
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported");

    private final int code;
    private final String reason;
    private final byte[] statusLine;

    HttpStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
        this.statusLine = ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** {@code HTTP/1.1 <code> <reason>\r\n} in ASCII. */
    byte[] statusLine() {
        return statusLine.clone();
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
