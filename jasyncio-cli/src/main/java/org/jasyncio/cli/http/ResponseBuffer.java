package org.jasyncio.cli.http;

import java.nio.ByteBuffer;

import org.jasyncio.transport.Transport;

/**
 * Where the responses to one read are gathered before a single {@code write}: pipelined
 * requests answered in one system call. One direct buffer per server, shared by its
 * connections (the loop runs one callback at a time, and every response is handed to
 * the transport before the callback returns; the transport copies what it cannot send).
 */
final class ResponseBuffer {
    private static final int CAPACITY = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final ByteBuffer out = ByteBuffer.allocateDirect(CAPACITY);

    /** Room for {@code n} more bytes: sends what is gathered first if they would not fit. */
    void reserve(Transport transport, int n) {
        if (out.remaining() < n) {
            flush(transport);
        }
    }

    /** Appends {@code bytes}; sends them on their own if they are larger than the buffer. */
    void put(Transport transport, byte[] bytes) {
        if (bytes.length > out.capacity()) {
            flush(transport);
            transport.write(bytes);
            return;
        }
        reserve(transport, bytes.length);
        out.put(bytes);
    }

    void putCrlf(Transport transport) {
        put(transport, CRLF);
    }

    /** Hands what is gathered to the transport. */
    void flush(Transport transport) {
        if (out.position() > 0) {
            out.flip();
            transport.write(out);
            out.clear();
        }
    }
}
