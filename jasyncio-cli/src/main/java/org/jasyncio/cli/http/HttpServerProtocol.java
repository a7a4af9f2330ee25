package org.jasyncio.cli.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * One connection of the example HTTP/1.1 server, driven by {@code dataReceived}: every
 * request completed by a read is answered at once, and the answers to one read leave in
 * one write.
 *
 * <p>What it serves:
 * <ul>
 *   <li>{@code GET} (any target): {@code 200}, {@code Content-Type: text/plain},
 *       {@code Content-Length: 13}, body {@code Hello, World!} — byte for byte what every
 *       HTTP server of the network benchmark answers ({@code HEAD}: the same head, no body);</li>
 *   <li>{@code POST}: {@code 200} with the request body echoed back as
 *       {@code application/octet-stream} (a {@code Content-Length} or chunked body,
 *       decoded): the way to see the body parser work end to end;</li>
 *   <li>any other method: {@code 501}, keeping the connection;</li>
 *   <li>a request the parser refuses (400, 413, 414, 431, 501, 505): that status with a
 *       one-line explanation, {@code Connection: close}, then the connection closes.</li>
 * </ul>
 * Keep-alive follows the request: HTTP/1.1 stays open unless {@code Connection: close};
 * HTTP/1.0 closes unless {@code Connection: keep-alive} (and then the response says
 * {@code Connection: keep-alive}).
 *
 * <p>Back-pressure: a client that pipelines requests without reading the answers fills
 * the transport's write buffer; above its high-water mark reading pauses until it drains.
 */
public final class HttpServerProtocol implements Protocol, RequestParser.Sink {
    private static final byte[] HELLO_HEAD = ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n");
    private static final byte[] HELLO_BODY = ascii("Hello, World!");
    private static final byte[] HELLO = concat(HELLO_HEAD, ascii("\r\n"), HELLO_BODY);
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");

    private final ResponseBuffer out;
    private final RequestParser parser;
    private Transport transport;
    private boolean closeAfterWrite;

    private HttpServerProtocol(ResponseBuffer out, RequestLimits limits) {
        this.out = out;
        this.parser = new RequestParser(limits);
    }

    /** A protocol factory for one server: its connections share one response buffer. */
    public static Supplier<HttpServerProtocol> factory(RequestLimits limits) {
        ResponseBuffer shared = new ResponseBuffer();
        return () -> new HttpServerProtocol(shared, limits);
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closeAfterWrite) {
            return;
        }
        parser.feed(data, this);
        out.flush(transport);
        if (closeAfterWrite) {
            transport.close();
        }
    }

    @Override
    public boolean onRequest(HttpRequest request) {
        boolean close = !request.keepAlive();
        switch (request.method()) {
            case "GET" -> {
                if (close || request.minorVersion() == 0) {
                    respond(HELLO_HEAD, request, HELLO_BODY);
                } else {
                    out.put(transport, HELLO);
                }
            }
            case "HEAD" -> respond(HELLO_HEAD, request, null);
            case "POST" -> respond(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + request.body().length + "\r\n"), request, request.body());
            default -> respond(head(HttpStatus.NOT_IMPLEMENTED, "text/plain", 0), request, null);
        }
        if (close) {
            closeAfterWrite = true;
            return false;
        }
        return true;
    }

    @Override
    public void onError(HttpStatus status, String detail) {
        byte[] body = ascii(detail + "\n");
        out.put(transport, head(status, "text/plain", body.length));
        out.put(transport, CONNECTION_CLOSE);
        out.putCrlf(transport);
        out.put(transport, body);
        closeAfterWrite = true;
    }

    /** {@code head} (status line and fields, without the empty line), the connection field, the body. */
    private void respond(byte[] head, HttpRequest request, byte[] body) {
        out.put(transport, head);
        if (!request.keepAlive()) {
            out.put(transport, CONNECTION_CLOSE);
        } else if (request.minorVersion() == 0) {
            out.put(transport, CONNECTION_KEEP_ALIVE);
        }
        out.putCrlf(transport);
        if (body != null && body.length > 0) {
            out.put(transport, body);
        }
    }

    private static byte[] head(HttpStatus status, String contentType, int contentLength) {
        return concat(status.statusLine(),
                ascii("Content-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n"));
    }

    @Override
    public boolean eofReceived() {
        // The client is done sending; whatever it half-sent cannot complete. Close.
        return false;
    }

    @Override
    public void pauseWriting() {
        transport.pauseReading();
    }

    @Override
    public void resumeWriting() {
        transport.resumeReading();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
