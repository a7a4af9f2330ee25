package org.jasyncio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jasyncio.cli.ServerHarness.bytes;
import static org.jasyncio.cli.ServerHarness.text;
import static org.jasyncio.cli.ServerHarness.writeInBackground;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;

import org.jasyncio.cli.http.HttpServerProtocol;
import org.jasyncio.cli.http.RequestLimits;
import org.jasyncio.loop.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP example server on every readiness backend, in process, over real loopback
 * sockets: the checks the network benchmark's probe makes, and more.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.cli.ServerHarness#readinessBackends")
class HttpServerTest {
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
    static final String GET = "GET / HTTP/1.1\r\nHost: test\r\n\r\n";

    @Parameter
    Backend backend;

    ServerHarness http() throws Exception {
        return new ServerHarness(backend, ExampleServer.protocolServer(HttpServerProtocol.factory(RequestLimits.DEFAULTS)));
    }

    @Test
    void httpKeepAliveAnswersEveryGetWithTheBenchmarkResponse() throws Exception {
        try (ServerHarness h = http(); Socket s = h.connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(bytes(GET));
                assertEquals(OK, text(ServerHarness.readExactly(in, OK.length())));
            }
        }
    }

    @Test
    void httpPipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (ServerHarness h = http(); Socket s = h.connect()) {
            String post = "POST /p HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n";
            s.getOutputStream().write(bytes(GET + post + "HEAD / HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "DELETE /x HTTP/1.1\r\nHost: t\r\n\r\n" + GET.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")));
            String expected = OK
                    + "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\nbody"
                    + OK.substring(0, OK.indexOf("\r\n\r\n") + 4)
                    + "HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n"
                    + OK.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
            assertEquals(expected, text(ServerHarness.readToEnd(s.getInputStream())));
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        try (ServerHarness h = http()) {
            try (Socket s = h.connect()) {
                s.getOutputStream().write(bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
                String keep = OK.replace("\r\n\r\n", "\r\nConnection: keep-alive\r\n\r\n");
                assertEquals(keep, text(ServerHarness.readExactly(s.getInputStream(), keep.length())));
                s.getOutputStream().write(bytes("GET / HTTP/1.0\r\n\r\n"));
                assertEquals(OK.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"),
                        text(ServerHarness.readToEnd(s.getInputStream())));
            }
        }
    }

    @Test
    void httpMalformedRequestGets400AndTheConnectionCloses() throws Exception {
        try (ServerHarness h = http(); Socket s = h.connect()) {
            s.getOutputStream().write(bytes(GET + "GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n" + GET));
            String reply = text(ServerHarness.readToEnd(s.getInputStream()));
            assertEquals(OK + "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 39\r\n"
                    + "Connection: close\r\n\r\ninvalid character in header field name\n", reply);
        }
    }

    @Test
    void httpOversizedHeadersGet431() throws Exception {
        try (ServerHarness h = http(); Socket s = h.connect()) {
            s.getOutputStream().write(bytes("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n"));
            String reply = text(ServerHarness.readToEnd(s.getInputStream()));
            assertTrue(reply.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), reply);
            assertTrue(reply.contains("\r\nConnection: close\r\n"), reply);
        }
    }

    @Test
    void httpLargePostBodyIsEchoed() throws Exception {
        byte[] body = new byte[200 * 1024];
        new Random(7).nextBytes(body);
        try (ServerHarness h = http(); Socket s = h.connect()) {
            Thread writer = writeInBackground(s,
                    bytes("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length + "\r\n\r\n"), body);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
            InputStream in = s.getInputStream();
            assertEquals(head, text(ServerHarness.readExactly(in, head.length())));
            assertArrayEquals(body, ServerHarness.readExactly(in, body.length));
            writer.join();
        }
    }
}
