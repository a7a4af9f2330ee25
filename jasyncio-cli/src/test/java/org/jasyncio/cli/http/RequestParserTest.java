package org.jasyncio.cli.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RequestParser}: framing, validation, limits, pipelining and input split anywhere. */
class RequestParserTest {

    /** Records what the parser delivers, as text, so whole runs compare with one assertion. */
    static final class Recorder implements RequestParser.Sink {
        final List<HttpRequest> requests = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        HttpStatus error;
        String detail;
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean onRequest(HttpRequest r) {
            requests.add(r);
            StringBuilder sb = new StringBuilder(r.method()).append(' ').append(r.target()).append(" 1.")
                    .append(r.minorVersion()).append(r.keepAlive() ? " keep" : " close");
            for (HttpHeader h : r.headers()) {
                sb.append(" [").append(h.name()).append('=').append(h.value()).append(']');
            }
            sb.append(" body=").append(new String(r.body(), StandardCharsets.ISO_8859_1));
            events.add(sb.toString());
            return requests.size() < stopAfter;
        }

        @Override
        public void onError(HttpStatus status, String d) {
            error = status;
            detail = d;
            events.add("error " + status.code() + " " + d);
        }
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Recorder parse(String input) {
        return parse(input, RequestLimits.DEFAULTS);
    }

    static Recorder parse(String input, RequestLimits limits) {
        Recorder r = new Recorder();
        new RequestParser(limits).feed(bytes(input), r);
        return r;
    }

    static final String GET = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";

    @Test
    void simpleGet() {
        Recorder r = parse(GET);
        assertEquals(List.of("GET / 1.1 keep [Host=example.com] body="), r.events);
        assertEquals("example.com", r.requests.getFirst().header("host"));
        assertNull(r.requests.getFirst().header("Content-Length"));
    }

    @Test
    void keepAliveFollowsVersionAndConnectionHeader() {
        assertEquals(List.of("GET /a 1.1 close [Host=h] [Connection=close] body="),
                parse("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").events);
        assertEquals(List.of("GET /a 1.1 close [Host=h] [connection=Upgrade, CLOSE] body="),
                parse("GET /a HTTP/1.1\r\nHost: h\r\nconnection: Upgrade, CLOSE\r\n\r\n").events);
        assertEquals(List.of("GET /b 1.0 close body="), parse("GET /b HTTP/1.0\r\n\r\n").events);
        assertEquals(List.of("GET /b 1.0 keep [Connection=keep-alive] body="),
                parse("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").events);
    }

    @Test
    void laterMinorVersionIsReadAsHttp11() {
        assertEquals(List.of("GET / 1.1 keep [Host=h] body="), parse("GET / HTTP/1.7\r\nHost: h\r\n\r\n").events);
    }

    @Test
    void fieldValuesAreTrimmedAndKeepEveryByte() {
        Recorder r = parse("GET /x?y=1 HTTP/1.1\r\nHost:h\r\nX-A: \t a b \t\r\nX-B:\r\nX-C: caf\u00e9\r\n\r\n");
        assertEquals(List.of("GET /x?y=1 1.1 keep [Host=h] [X-A=a b] [X-B=] [X-C=caf\u00e9] body="), r.events);
    }

    @Test
    void bareLfLineEndsAndLeadingEmptyLinesAreAccepted() {
        assertEquals(List.of("GET / 1.1 keep [Host=h] body="), parse("\r\n\nGET / HTTP/1.1\nHost: h\n\n").events);
    }

    @Test
    void contentLengthBody() {
        Recorder r = parse("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello" + GET);
        assertEquals(List.of("POST /p 1.1 keep [Host=h] [Content-Length=5] body=hello",
                "GET / 1.1 keep [Host=example.com] body="), r.events);
    }

    @Test
    void repeatedEqualContentLengthIsAccepted() {
        assertEquals("ab", new String(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab")
                .requests.getFirst().body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void chunkedBodyIsDecoded() {
        Recorder r = parse("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nA;name=value\r\n, world!!!\r\n0\r\nX-Trailer: t\r\n\r\n" + GET);
        assertEquals(List.of("POST /c 1.1 keep [Host=h] [Transfer-Encoding=chunked] body=hello, world!!!",
                "GET / 1.1 keep [Host=example.com] body="), r.events);
    }

    @Test
    void chunkSizesInAnyCaseWithWhitespaceBeforeExtension() {
        Recorder r = parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "00000b \t;x\r\nhello world\r\n0\r\n\r\n");
        assertEquals("hello world", new String(r.requests.getFirst().body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void pipelinedRequestsComeInOrder() {
        Recorder r = parse(GET.replace("/ ", "/1 ") + GET.replace("/ ", "/2 ") + GET.replace("/ ", "/3 "));
        assertEquals(List.of("/1", "/2", "/3"), r.requests.stream().map(HttpRequest::target).toList());
    }

    @Test
    void sinkCanStopParsingAndTheRestStaysUnread() {
        Recorder r = new Recorder();
        r.stopAfter = 1;
        RequestParser p = new RequestParser();
        ByteBuffer in = bytes(GET + GET);
        p.feed(in, r);
        assertEquals(1, r.requests.size());
        assertEquals(GET.length(), in.position());
        assertTrue(p.isStopped());
        p.feed(bytes(GET), r);
        assertEquals(1, r.requests.size());
    }

    @Test
    void idleOnlyBetweenRequests() {
        RequestParser p = new RequestParser();
        Recorder r = new Recorder();
        assertTrue(p.isIdle());
        p.feed(bytes("GET / HT"), r);
        assertFalse(p.isIdle());
        p.feed(bytes("TP/1.1\r\nHost: h\r\n\r\n"), r);
        assertTrue(p.isIdle());
        assertEquals(1, r.requests.size());
    }

    /** A corpus holding every state of the parser, fed in every possible two-piece split and byte by byte. */
    static final String CORPUS = "\r\nGET /a HTTP/1.1\r\nHost: h\r\nX: y\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\nabc\r\nde"
            + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nxyz\r\n2\r\n\r\n\r\n0\r\nT: 1\r\n\r\n"
            + "GET /d HTTP/1.0\nConnection: keep-alive\n\n";

    @Test
    void splitAtEveryByteBoundaryGivesTheSameRequests() {
        List<String> whole = parse(CORPUS).events;
        assertEquals(4, whole.size(), whole.toString());
        assertEquals("POST /c 1.1 keep [Host=h] [Transfer-Encoding=chunked] body=xyz\r\n", whole.get(2));
        for (int cut = 0; cut <= CORPUS.length(); cut++) {
            Recorder r = new Recorder();
            RequestParser p = new RequestParser();
            p.feed(bytes(CORPUS.substring(0, cut)), r);
            p.feed(bytes(CORPUS.substring(cut)), r);
            assertEquals(whole, r.events, "split at " + cut);
        }
        Recorder r = new Recorder();
        RequestParser p = new RequestParser();
        for (int i = 0; i < CORPUS.length(); i++) {
            p.feed(bytes(CORPUS.substring(i, i + 1)), r);
        }
        assertEquals(whole, r.events, "one byte at a time");
    }

    @Test
    void errorsAreFoundWhereverTheInputIsSplit() {
        String bad = GET + "GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n" + GET;
        for (int cut = 0; cut <= bad.length(); cut++) {
            Recorder r = new Recorder();
            RequestParser p = new RequestParser();
            p.feed(bytes(bad.substring(0, cut)), r);
            p.feed(bytes(bad.substring(cut)), r);
            assertEquals(List.of("GET / 1.1 keep [Host=example.com] body=",
                    "error 400 invalid character in header field name"), r.events, "split at " + cut);
            assertTrue(p.isStopped());
        }
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            GET / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|                                 200
            GET /HTTP/1.1\\r\\n\\r\\n|                                                400
            GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|                                400
            GET / HTTP/1.1 \\r\\nHost: h\\r\\n\\r\\n|                                400
            GET / http/1.1\\r\\nHost: h\\r\\n\\r\\n|                                 400
            GET / HTTP/1\\r\\nHost: h\\r\\n\\r\\n|                                   400
            GET / HTTP/11.1\\r\\nHost: h\\r\\n\\r\\n|                                400
            G(T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|                                 400
            GET /a\\u0001 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|                         400
            GET /caf\\u00e9 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|                       400
            GET / HTTP/2.0\\r\\nHost: h\\r\\n\\r\\n|                                 505
            GET / HTTP/0.9\\r\\nHost: h\\r\\n\\r\\n|                                 505
            GET / HTTP/1.1\\r\\n\\r\\n|                                              400
            GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n|                    400
            GET / HTTP/1.1\\r\\nHost: h\\r\\nNoColon\\r\\n\\r\\n|                    400
            GET / HTTP/1.1\\r\\nHost: h\\r\\n: empty name\\r\\n\\r\\n|               400
            GET / HTTP/1.1\\r\\nHost : h\\r\\n\\r\\n|                                400
            GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\r\\n folded\\r\\n\\r\\n|          400
            GET / HTTP/1.1\\r\\nHost: h\\rX: a\\r\\n\\r\\n|                          400
            GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u0000b\\r\\n\\r\\n|               400
            GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u007fb\\r\\n\\r\\n|               400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: -1\\r\\n\\r\\n|        400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1x\\r\\n\\r\\n|        400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1,1\\r\\n\\r\\n|       400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: \\r\\n\\r\\n|          400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n|   501
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n| 501
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked, gzip\\r\\n\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2x\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nabc\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nab\\rX| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1;\\u0001\\r\\n| 400
            POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nbad trailer\\r\\n| 400
            """)
    void statusOfMalformedAndUnsupportedRequests(String escaped, int status) {
        String input = unescape(escaped.strip());
        Recorder r = parse(input);
        if (status == 200) {
            assertNull(r.error, r.events.toString());
            assertEquals(1, r.requests.size());
        } else {
            assertEquals(status, r.error == null ? 0 : r.error.code(), r.events.toString());
            assertTrue(r.requests.isEmpty());
        }
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }

    // ================================================================== limits

    static final RequestLimits SMALL = new RequestLimits(64, 3, 10);

    @Test
    void headAtTheLimitIsAcceptedOneByteMoreIs431() {
        String head = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
        String fits = head + "a".repeat(64 - head.length() - 4) + "\r\n\r\n";
        assertEquals(64, fits.length());
        assertEquals(1, parse(fits, SMALL).requests.size());
        String over = head + "a".repeat(64 - head.length() - 3) + "\r\n\r\n";
        Recorder r = parse(over, SMALL);
        assertEquals(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, r.error);
        assertEquals("request line and header fields longer than 64 bytes", r.detail);
    }

    @Test
    void defaultHeadLimitIs8KiB() {
        String big = "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(8192) + "\r\n\r\n";
        assertEquals(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, parse(big).error);
        String fits = "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(8000) + "\r\n\r\n";
        assertEquals(1, parse(fits).requests.size());
    }

    @Test
    void oversizedHeadIsRefusedBeforeItsEndArrives() {
        Recorder r = new Recorder();
        RequestParser p = new RequestParser(SMALL);
        p.feed(bytes("GET / HTTP/1.1\r\nX: "), r);
        assertNull(r.error);
        p.feed(bytes("a".repeat(100)), r);
        assertEquals(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, r.error);
    }

    @Test
    void longRequestLineIs414() {
        Recorder r = parse("GET /" + "a".repeat(100) + " HTTP/1.1\r\nHost: h\r\n\r\n", SMALL);
        assertEquals(HttpStatus.URI_TOO_LONG, r.error);
    }

    @Test
    void tooManyHeaderFieldsIs431() {
        assertEquals(1, parse("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", SMALL).requests.size());
        Recorder r = parse("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", SMALL);
        assertEquals(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, r.error);
        assertEquals("more than 3 header fields", r.detail);
    }

    @Test
    void bodyOverTheLimitIs413() {
        assertEquals(1, parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", SMALL)
                .requests.size());
        assertEquals(HttpStatus.CONTENT_TOO_LARGE,
                parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", SMALL).error);
        String chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEquals(1, parse(chunked + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", SMALL).requests.size());
        assertEquals(HttpStatus.CONTENT_TOO_LARGE, parse(chunked + "5\r\n01234\r\n6\r\n", SMALL).error);
        assertEquals(HttpStatus.CONTENT_TOO_LARGE, parse(chunked + "ffffffffffffffffffff\r\n", SMALL).error);
    }

    @Test
    void trailerSectionOverTheHeadLimitIs431() {
        String chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        assertEquals(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                parse(chunked + "T: " + "x".repeat(70) + "\r\n\r\n", SMALL).error);
    }

    @Test
    void largeChunkedBodyGrowsItsBuffer() {
        String data = "x".repeat(5000);
        Recorder r = parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(data.length()) + "\r\n" + data + "\r\n1\r\n!\r\n0\r\n\r\n");
        assertArrayEquals((data + "!").getBytes(StandardCharsets.ISO_8859_1), r.requests.getFirst().body());
    }
}
