package org.jasyncio.cli.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An incremental HTTP/1.1 request parser (RFC 9112): feed it bytes as they arrive, in
 * pieces of any size, and it hands each complete request to a {@link Sink}, in order
 * (pipelined requests included).
 *
 * <p>What it accepts: a request line {@code method SP target SP HTTP/1.x}, header fields,
 * and a body framed by {@code Content-Length} or by {@code Transfer-Encoding: chunked}
 * (decoded: chunk extensions are skipped, trailer fields are validated and dropped). A
 * line may end in CRLF or in a bare LF, and empty lines before a request line are skipped,
 * as RFC 9112 §2.2 allows.
 *
 * <p>What it refuses, after which it stops for good (the connection must close, since
 * the framing of what follows is unknown):
 * <ul>
 *   <li>400: a malformed request line, header field or chunk; obsolete line folding; a
 *       bare CR; an HTTP/1.1 request without exactly one {@code Host}; conflicting or
 *       malformed {@code Content-Length}; both {@code Content-Length} and
 *       {@code Transfer-Encoding} (the request smuggling shape RFC 9112 §6.3 warns of);</li>
 *   <li>413: a body over {@link RequestLimits#maxBodyBytes()};</li>
 *   <li>414: a request line longer than {@link RequestLimits#maxHeadBytes()};</li>
 *   <li>431: a request line plus header fields over {@code maxHeadBytes}, more than
 *       {@link RequestLimits#maxHeaders()} fields, or a trailer section over
 *       {@code maxHeadBytes};</li>
 *   <li>501: a transfer coding other than {@code chunked};</li>
 *   <li>505: a major version other than 1.</li>
 * </ul>
 *
 * <p>Design: the head (request line and fields) is copied in bulk into one growable array
 * per connection and scanned for its end; only then is it validated and split into
 * strings. Bytes after the head are left in the caller's buffer, so a read holding many
 * pipelined requests is consumed request by request without copying the rest around.
 */
public final class RequestParser {

    /** Where complete requests and the error that stops parsing go. */
    public interface Sink {
        /**
         * One complete request. Return {@code false} to stop parsing (for example, the
         * response closes the connection): the rest of the input stays unread.
         */
        boolean onRequest(HttpRequest request);

        /** The input is not a request this parser accepts; nothing more is parsed. */
        void onError(HttpStatus status, String detail);
    }

    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, STOPPED, FAILED }

    private static final byte[] NO_BODY = new byte[0];
    /** A chunk-size line with its extensions. */
    private static final int MAX_CHUNK_LINE = 1024;
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private final RequestLimits limits;
    private State state = State.HEAD;
    /** The head being read, or the current chunk-size/trailer line. */
    private byte[] buf = new byte[256];
    private int len;
    private int headStart;
    private int lineStart;
    private int lineEnd;
    private int trailerBytes;

    // the request being read
    private String method;
    private String target;
    private int minor;
    private List<HttpHeader> headers;
    private boolean keepAlive;
    private boolean chunked;
    private long contentLength;
    private byte[] body;
    private int bodyLen;
    private long left;

    public RequestParser(RequestLimits limits) {
        this.limits = limits;
    }

    public RequestParser() {
        this(RequestLimits.DEFAULTS);
    }

    /** Whether no part of a request is pending (between requests, not stopped, not failed). */
    public boolean isIdle() {
        return state == State.HEAD && len == 0;
    }

    /** Whether parsing stopped, on an error or because the sink asked to. */
    public boolean isStopped() {
        return state == State.STOPPED || state == State.FAILED;
    }

    /**
     * Consumes bytes from {@code in} (position to limit), calling {@code sink} for every
     * request completed. Returns when {@code in} is empty or parsing stopped; in the latter
     * case {@code in}'s position is just after the last byte used.
     */
    public void feed(ByteBuffer in, Sink sink) {
        try {
            while (in.hasRemaining() && !isStopped()) {
                switch (state) {
                    case HEAD -> {
                        if (readHead(in)) {
                            startBody(sink);
                        }
                    }
                    case BODY -> {
                        copyBody(in);
                        if (left == 0) {
                            complete(sink);
                        }
                    }
                    case CHUNK_SIZE -> {
                        if (readLine(in, MAX_CHUNK_LINE, HttpStatus.BAD_REQUEST, "chunk-size line too long")) {
                            chunkSize();
                        }
                    }
                    case CHUNK_DATA -> {
                        copyBody(in);
                        if (left == 0) {
                            state = State.CHUNK_END;
                        }
                    }
                    case CHUNK_END -> {
                        if (readLine(in, 1, HttpStatus.BAD_REQUEST, "chunk data not followed by CRLF")) {
                            if (lineEnd != 0) {
                                throw new ParseError(HttpStatus.BAD_REQUEST, "chunk data not followed by CRLF");
                            }
                            len = 0;
                            state = State.CHUNK_SIZE;
                        }
                    }
                    case TRAILERS -> {
                        if (readLine(in, limits.maxHeadBytes() - trailerBytes,
                                HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "trailer section too large")) {
                            trailer(sink);
                        }
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (ParseError e) {
            state = State.FAILED;
            sink.onError(e.status, e.getMessage());
        }
    }

    // ================================================================== head

    /** Copies head bytes until the empty line that ends the head; true once it is parsed. */
    private boolean readHead(ByteBuffer in) {
        while (in.hasRemaining()) {
            int room = limits.maxHeadBytes() - len;
            if (room <= 0) {
                throw headTooLarge();
            }
            int n = Math.min(in.remaining(), room);
            ensureCapacity(len + n);
            in.get(buf, len, n);
            int from = len;
            len += n;
            for (int i = from; i < len; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                int end = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
                if (end == lineStart) {
                    if (lineStart == headStart) {
                        // An empty line before the request line: skipped (RFC 9112 §2.2).
                        headStart = lineStart = i + 1;
                        continue;
                    }
                    in.position(in.position() - (len - i - 1));
                    parseHead(lineStart);
                    return true;
                }
                lineStart = i + 1;
            }
        }
        return false;
    }

    private ParseError headTooLarge() {
        if (lineStart == headStart) {
            return new ParseError(HttpStatus.URI_TOO_LONG,
                    "request line longer than " + limits.maxHeadBytes() + " bytes");
        }
        return new ParseError(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "request line and header fields longer than " + limits.maxHeadBytes() + " bytes");
    }

    /** Parses the head between {@code headStart} and {@code end} (the start of the empty line). */
    private void parseHead(int end) {
        int eol = indexOf((byte) '\n', headStart, end);
        requestLine(headStart, withoutCr(headStart, eol));
        headers = new ArrayList<>(8);
        contentLength = -1;
        chunked = false;
        boolean close = false;
        boolean keep = false;
        int hosts = 0;
        for (int p = eol + 1; p < end; p = eol + 1) {
            eol = indexOf((byte) '\n', p, end);
            HttpHeader h = field(p, withoutCr(p, eol));
            if (headers.size() == limits.maxHeaders()) {
                throw new ParseError(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "more than " + limits.maxHeaders() + " header fields");
            }
            headers.add(h);
            String name = h.name();
            if (name.equalsIgnoreCase("Host")) {
                hosts++;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                contentLength(h.value());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                transferEncoding(h.value());
            } else if (name.equalsIgnoreCase("Connection")) {
                for (String option : h.value().split(",")) {
                    String o = option.strip();
                    close |= o.equalsIgnoreCase("close");
                    keep |= o.equalsIgnoreCase("keep-alive");
                }
            }
        }
        if (chunked && contentLength >= 0) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "both Transfer-Encoding and Content-Length");
        }
        if (minor >= 1 && hosts != 1) {
            throw new ParseError(HttpStatus.BAD_REQUEST,
                    hosts == 0 ? "HTTP/1.1 request without Host" : "more than one Host header field");
        }
        if (contentLength > limits.maxBodyBytes()) {
            throw bodyTooLarge();
        }
        keepAlive = !close && (minor >= 1 || keep);
    }

    private void requestLine(int start, int end) {
        noBareCr(start, end, "request line");
        int sp1 = indexOf((byte) ' ', start, end);
        int sp2 = sp1 < 0 ? -1 : indexOf((byte) ' ', sp1 + 1, end);
        if (sp1 <= start || sp2 < 0 || sp2 == sp1 + 1) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "request line is not 'method SP target SP version'");
        }
        for (int i = start; i < sp1; i++) {
            if (!isTchar(buf[i])) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "invalid character in method");
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (buf[i] < 0x21 || buf[i] > 0x7e) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "invalid character in request target");
            }
        }
        int v = sp2 + 1;
        if (end - v != 8 || buf[v] != 'H' || buf[v + 1] != 'T' || buf[v + 2] != 'T' || buf[v + 3] != 'P'
                || buf[v + 4] != '/' || !isDigit(buf[v + 5]) || buf[v + 6] != '.' || !isDigit(buf[v + 7])) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "malformed HTTP version");
        }
        if (buf[v + 5] != '1') {
            throw new ParseError(HttpStatus.HTTP_VERSION_NOT_SUPPORTED,
                    "HTTP/" + (char) buf[v + 5] + " is not supported (HTTP/1.0 and HTTP/1.1 are)");
        }
        minor = buf[v + 7] == '0' ? 0 : 1;
        method = methodName(start, sp1);
        target = sp2 - sp1 == 2 && buf[sp1 + 1] == '/' ? "/" : latin1(sp1 + 1, sp2);
    }

    private String methodName(int start, int end) {
        int n = end - start;
        if (n == 3 && buf[start] == 'G' && buf[start + 1] == 'E' && buf[start + 2] == 'T') {
            return "GET";
        }
        if (n == 4 && buf[start] == 'H' && buf[start + 1] == 'E' && buf[start + 2] == 'A' && buf[start + 3] == 'D') {
            return "HEAD";
        }
        return latin1(start, end);
    }

    /** One {@code name: value} field line between {@code start} and {@code end}. */
    private HttpHeader field(int start, int end) {
        noBareCr(start, end, "header field");
        if (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "obsolete line folding in header field");
        }
        int colon = indexOf((byte) ':', start, end);
        if (colon <= start) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "header field without a name and a colon");
        }
        for (int i = start; i < colon; i++) {
            if (!isTchar(buf[i])) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "invalid character in header field name");
            }
        }
        int vs = colon + 1;
        int ve = end;
        while (vs < ve && (buf[vs] == ' ' || buf[vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
            ve--;
        }
        for (int i = vs; i < ve; i++) {
            int b = buf[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "invalid character in header field value");
            }
        }
        return new HttpHeader(latin1(start, colon), latin1(vs, ve));
    }

    private void contentLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "malformed Content-Length");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new ParseError(HttpStatus.BAD_REQUEST, "malformed Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        if (contentLength >= 0 && contentLength != n) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "conflicting Content-Length values");
        }
        contentLength = n;
    }

    private void transferEncoding(String value) {
        for (String coding : value.split(",", -1)) {
            String c = coding.strip();
            if (chunked) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "a transfer coding after chunked");
            }
            if (c.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (c.isEmpty()) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "empty transfer coding");
            } else {
                throw new ParseError(HttpStatus.NOT_IMPLEMENTED,
                        "transfer coding '" + c + "' is not supported (only chunked is)");
            }
        }
    }

    // ================================================================== body

    private void startBody(Sink sink) {
        len = headStart = lineStart = 0;
        bodyLen = 0;
        if (chunked) {
            body = new byte[Math.min(1024, limits.maxBodyBytes())];
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            body = new byte[(int) contentLength];
            left = contentLength;
            state = State.BODY;
        } else {
            body = NO_BODY;
            complete(sink);
        }
    }

    private void copyBody(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), left);
        if (bodyLen + n > body.length) {
            body = Arrays.copyOf(body, Math.min(limits.maxBodyBytes(), Math.max(bodyLen + n, body.length * 2)));
        }
        in.get(body, bodyLen, n);
        bodyLen += n;
        left -= n;
    }

    private void chunkSize() {
        int end = lineEnd;
        len = 0;
        noBareCr(0, end, "chunk-size line");
        long size = 0;
        int i = 0;
        for (; i < end && hexValue(buf[i]) >= 0; i++) {
            size = size * 16 + hexValue(buf[i]);
            if (size > limits.maxBodyBytes() - bodyLen) {
                throw bodyTooLarge();
            }
        }
        if (i == 0) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "malformed chunk size");
        }
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i < end && buf[i] != ';') {
            throw new ParseError(HttpStatus.BAD_REQUEST, "malformed chunk size");
        }
        for (; i < end; i++) {
            int b = buf[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new ParseError(HttpStatus.BAD_REQUEST, "invalid character in chunk extension");
            }
        }
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
        } else {
            left = size;
            state = State.CHUNK_DATA;
        }
    }

    private void trailer(Sink sink) {
        int end = lineEnd;
        trailerBytes += len + 1;
        len = 0;
        if (end == 0) {
            complete(sink);
        } else {
            field(0, end);
        }
    }

    private ParseError bodyTooLarge() {
        return new ParseError(HttpStatus.CONTENT_TOO_LARGE,
                "request body larger than " + limits.maxBodyBytes() + " bytes");
    }

    private void complete(Sink sink) {
        byte[] b = bodyLen == 0 ? NO_BODY : bodyLen == body.length ? body : Arrays.copyOf(body, bodyLen);
        HttpRequest request = new HttpRequest(method, target, minor, headers, b, keepAlive);
        body = null;
        headers = null;
        len = headStart = lineStart = bodyLen = 0;
        state = State.HEAD;
        if (!sink.onRequest(request)) {
            state = State.STOPPED;
        }
    }

    // ================================================================== bytes

    /**
     * Accumulates one line in {@code buf} from 0; true once its LF arrived, with
     * {@code lineEnd} at the end of its content (a CR before the LF excluded).
     */
    private boolean readLine(ByteBuffer in, int maxLen, HttpStatus tooLong, String what) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                lineEnd = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
                return true;
            }
            if (len >= maxLen) {
                throw new ParseError(tooLong, what);
            }
            ensureCapacity(len + 1);
            buf[len++] = b;
        }
        return false;
    }

    private void ensureCapacity(int n) {
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, Math.min(buf.length * 2, limits.maxHeadBytes())));
        }
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int withoutCr(int start, int eol) {
        return eol > start && buf[eol - 1] == '\r' ? eol - 1 : eol;
    }

    private void noBareCr(int start, int end, String where) {
        if (indexOf((byte) '\r', start, end) >= 0) {
            throw new ParseError(HttpStatus.BAD_REQUEST, "bare CR in " + where);
        }
    }

    private String latin1(int start, int end) {
        return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static boolean isTchar(byte b) {
        return b > 0 && TCHAR[b];
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Why parsing stopped; thrown inside the parser only, without a stack trace. */
    private static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient HttpStatus status;

        ParseError(HttpStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }
}
