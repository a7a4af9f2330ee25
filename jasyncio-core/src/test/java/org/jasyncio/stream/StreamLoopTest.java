package org.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Server;
import org.jasyncio.testing.OnEveryBackend;

/**
 * The stream suites' base: a loop per backend ({@link OnEveryBackend}), byte/text helpers,
 * and the scenario bodies CPython's {@code test_streams.py} shares between its TCP and Unix
 * tests ({@code _basetest_open_connection}, {@code _basetest_open_connection_error},
 * {@code run_test_server}'s handler, {@code test_start_server}'s echo server and client).
 */
abstract class StreamLoopTest extends OnEveryBackend {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** CPython's run_test_server handler: answers a request head with a small page, then closes. */
    static void answerHttp(StreamReader r, StreamWriter w) {
        r.readuntil(b("\r\n\r\n"));
        w.write(b("HTTP/1.0 200 OK\r\nContent-type: text/plain\r\n\r\nTest message"));
        w.drain();
        w.close();
        w.waitClosed();
    }

    /** Sends a GET over {@code s} and checks the status line. Awaiting. */
    static void sendGet(StreamPair s) {
        s.writer().write(b("GET / HTTP/1.0\r\n\r\n"));
        assertEquals("HTTP/1.0 200 OK\r\n", s(s.reader().readline()));
    }

    /** _basetest_open_connection: a GET over {@code s}, the whole page, then close. Awaiting. */
    static void checkPage(StreamPair s) {
        sendGet(s);
        assertTrue(s(s.reader().read()).endsWith("\r\n\r\nTest message"));
        s.writer().close();
        s.writer().waitClosed();
    }

    /**
     * _basetest_open_connection_error: the connection {@code connect} makes loses its
     * connection with an error, which the next read raises. Awaiting.
     */
    void checkConnectionLostError(Streams.Connect connect) {
        StreamReaderProtocol[] protocol = new StreamReaderProtocol[1];
        StreamPair s = Streams.open(StreamReader.DEFAULT_LIMIT, factory -> connect.connect(() -> {
            protocol[0] = factory.get();
            return protocol[0];
        }));
        ArithmeticException exc = new ArithmeticException("division by zero");
        protocol[0].connectionLost(exc);
        assertEquals(exc, assertThrows(ArithmeticException.class, () -> s.reader().read()));
        s.writer().close();
        AsyncIO.sleep(0);
    }

    /** test_start_server's MyServer.handle_client: echoes one line back and closes. Awaiting. */
    static void echoLine(StreamReader r, StreamWriter w) {
        w.write(r.readline());
        w.drain();
        w.close();
        w.waitClosed();
    }

    /** test_start_server's client: sends a line over {@code s} and reads it back. Awaiting. */
    static String echoClient(StreamPair s) {
        s.writer().write(b("hello world!\n"));
        byte[] back = s.reader().readline();
        s.writer().close();
        s.writer().waitClosed();
        return s(back);
    }

    static void stop(Server srv) {
        srv.close();
        srv.waitClosed();
    }
}
