package org.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StreamReader} fed by hand, on every readiness backend: ports of
 * {@code Lib/test/test_asyncio/test_streams.py::StreamTests} (the reader scenarios).
 * Where CPython inspects {@code stream._buffer}, this reads {@code buffered()}.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class StreamReaderConformanceTest extends StreamLoopTest {
    static final String DATA = "line1\nline2\nline3\n";

    StreamReader reader() {
        return new StreamReader(loop);
    }

    StreamReader reader(int limit) {
        return new StreamReader(loop, limit);
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_feed_empty_data */
    @Test
    void feedEmptyData() {
        StreamReader r = reader();
        r.feedData(new byte[0]);
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_feed_nonempty_data */
    @Test
    void feedNonemptyData() {
        StreamReader r = reader();
        r.feedData(b(DATA));
        assertEquals(DATA, s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_zero */
    @Test
    void readZero() {
        StreamReader r = reader();
        r.feedData(b(DATA));
        assertEquals("", s(run(() -> r.read(0))));
        assertEquals(DATA, s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read */
    @Test
    void read() {
        StreamReader r = reader();
        Task<byte[]> t = loop.createTask(() -> r.read(30));
        loop.callSoon(() -> r.feedData(b(DATA)));
        assertEquals(DATA, s(loop.runUntilComplete(t)));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_line_breaks */
    @Test
    void readLineBreaks() {
        StreamReader r = reader();
        r.feedData(b("line1"));
        r.feedData(b("line2"));
        assertEquals("line1", s(run(() -> r.read(5))));
        assertEquals("line2", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_eof */
    @Test
    void readEof() {
        StreamReader r = reader();
        Task<byte[]> t = loop.createTask(() -> r.read(1024));
        loop.callSoon(r::feedEof);
        assertEquals("", s(loop.runUntilComplete(t)));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_until_eof */
    @Test
    void readUntilEof() {
        StreamReader r = reader();
        Task<byte[]> t = loop.createTask(() -> r.read(-1));
        loop.callSoon(() -> {
            r.feedData(b("chunk1\n"));
            r.feedData(b("chunk2"));
            r.feedEof();
        });
        assertEquals("chunk1\nchunk2", s(loop.runUntilComplete(t)));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_exception */
    @Test
    void readException() {
        StreamReader r = reader();
        r.feedData(b("line\n"));
        assertEquals("li", s(run(() -> r.read(2))));
        IllegalArgumentException exc = new IllegalArgumentException();
        r.setException(exc);
        assertSame(exc, assertThrows(IllegalArgumentException.class, () -> run(() -> r.read(2))));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_invalid_limit */
    @Test
    void invalidLimit() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reader(0)).getMessage().contains("imit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reader(-1)).getMessage().contains("imit"));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_limit */
    @Test
    void readLimit() {
        StreamReader r = reader(3);
        r.feedData(b("chunk"));
        assertEquals("chunk", s(run(() -> r.read(5))));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline */
    @Test
    void readline() {
        StreamReader r = reader();
        r.feedData(b("chunk1 "));
        Task<byte[]> t = loop.createTask(r::readline);
        loop.callSoon(() -> {
            r.feedData(b("chunk2 "));
            r.feedData(b("chunk3 "));
            r.feedData(b("\n chunk4"));
        });
        assertEquals("chunk1 chunk2 chunk3 \n", s(loop.runUntilComplete(t)));
        assertEquals(" chunk4", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_limit_with_existing_data */
    @Test
    void readlineLimitWithExistingData() {
        StreamReader r = reader(3);
        r.feedData(b("li"));
        r.feedData(b("ne1\nline2\n"));
        assertThrows(IllegalArgumentException.class, () -> run(r::readline));
        assertEquals("line2\n", s(r.buffered()));

        StreamReader r2 = reader(3);
        r2.feedData(b("li"));
        r2.feedData(b("ne1"));
        r2.feedData(b("li"));
        assertThrows(IllegalArgumentException.class, () -> run(r2::readline));
        assertEquals("", s(r2.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_at_eof */
    @Test
    void atEof() {
        StreamReader r = reader();
        assertFalse(r.atEof());
        r.feedData(b("some data\n"));
        assertFalse(r.atEof());
        run(r::readline);
        assertFalse(r.atEof());
        r.feedData(b("some data\n"));
        r.feedEof();
        run(r::readline);
        assertTrue(r.atEof());
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_limit */
    @Test
    void readlineLimit() {
        StreamReader r = reader(7);
        loop.callSoon(() -> {
            r.feedData(b("chunk1"));
            r.feedData(b("chunk2"));
            r.feedData(b("chunk3\n"));
            r.feedEof();
        });
        assertThrows(IllegalArgumentException.class, () -> run(r::readline));
        assertEquals("", s(r.buffered()));

        StreamReader r2 = reader(7);
        loop.callSoon(() -> {
            r2.feedData(b("chunk1"));
            r2.feedData(b("chunk2\n"));
            r2.feedData(b("chunk3\n"));
            r2.feedEof();
        });
        assertThrows(IllegalArgumentException.class, () -> run(r2::readline));
        assertEquals("chunk3\n", s(r2.buffered()));

        // the limit is strict
        StreamReader r3 = reader(7);
        r3.feedData(b("1234567\n"));
        assertEquals("1234567\n", s(run(r3::readline)));
        assertEquals("", s(r3.buffered()));
        r3.feedData(b("12345678\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(r3::readline));
        assertEquals(8, ((LimitOverrunException) e.getCause()).consumed());
        assertEquals("", s(r3.buffered()));
        r3.feedData(b("12345678"));
        assertThrows(IllegalArgumentException.class, () -> run(r3::readline));
        assertEquals("", s(r3.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_nolimit_nowait */
    @Test
    void readlineNolimitNowait() {
        StreamReader r = reader();
        r.feedData(b(DATA.substring(0, 6)));
        r.feedData(b(DATA.substring(6)));
        assertEquals("line1\n", s(run(r::readline)));
        assertEquals("line2\nline3\n", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_eof */
    @Test
    void readlineEof() {
        StreamReader r = reader();
        r.feedData(b("some data"));
        r.feedEof();
        assertEquals("some data", s(run(r::readline)));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_empty_eof */
    @Test
    void readlineEmptyEof() {
        StreamReader r = reader();
        r.feedEof();
        assertEquals("", s(run(r::readline)));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_read_byte_count */
    @Test
    void readlineReadByteCount() {
        StreamReader r = reader();
        r.feedData(b(DATA));
        run(r::readline);
        assertEquals("line2\nl", s(run(() -> r.read(7))));
        assertEquals("ine3\n", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readline_exception */
    @Test
    void readlineException() {
        StreamReader r = reader();
        r.feedData(b("line\n"));
        assertEquals("line\n", s(run(r::readline)));
        r.setException(new IllegalStateException("boom"));
        assertThrows(IllegalStateException.class, () -> run(r::readline));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_separator */
    @Test
    void readuntilSeparator() {
        StreamReader r = reader();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(() -> r.readuntil(new byte[0])))
                .getMessage().contains("Separator should be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(() -> r.readuntil(new byte[0], b("x"))))
                .getMessage().contains("Separator should be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(() -> r.readuntil(new byte[0][])))
                .getMessage().contains("Separator should contain"));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_multi_chunks */
    @Test
    void readuntilMultiChunks() {
        StreamReader r = reader();
        r.feedData(b("lineAAA"));
        assertEquals("lineAAA", s(run(() -> r.readuntil(b("AAA")))));
        assertEquals("", s(r.buffered()));
        r.feedData(b("lineAAA"));
        assertEquals("lineAAA", s(run(() -> r.readuntil(b("AAA")))));
        assertEquals("", s(r.buffered()));
        r.feedData(b("lineAAAxxx"));
        assertEquals("lineAAA", s(run(() -> r.readuntil(b("AAA")))));
        assertEquals("xxx", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_multi_chunks_1 */
    @Test
    void readuntilMultiChunks1() {
        StreamReader r = reader();
        for (List<String> chunks : List.of(List.of("QWEaa", "XYaa", "a"), List.of("QWEaa", "XYa", "aa"),
                List.of("aaa"), List.of("Xaaa"), List.of("XXX", "a", "a", "a"))) {
            chunks.forEach(c -> r.feedData(b(c)));
            assertEquals(String.join("", chunks), s(run(() -> r.readuntil(b("aaa")))));
            assertEquals("", s(r.buffered()));
        }
        // the same, with the chunks arriving while readuntil waits
        for (List<String> chunks : List.of(List.of("QWEaa", "XYaa", "a"), List.of("XXX", "a", "a", "a"))) {
            Task<byte[]> t = loop.createTask(() -> r.readuntil(b("aaa")));
            for (String c : chunks) {
                loop.callSoon(() -> r.feedData(b(c)));
            }
            assertEquals(String.join("", chunks), s(loop.runUntilComplete(t)));
        }
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_eof */
    @Test
    void readuntilEof() {
        StreamReader r = reader();
        r.feedData(b("some dataAA"));
        r.feedEof();
        IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> run(() -> r.readuntil(b("AAA"))));
        assertTrue(e.getMessage().contains("undefined expected bytes"), e.getMessage());
        assertEquals("some dataAA", s(e.partial()));
        assertNull(e.expected());
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_limit_found_sep */
    @Test
    void readuntilLimitFoundSep() {
        StreamReader r = reader(3);
        r.feedData(b("some dataAA"));
        LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> run(() -> r.readuntil(b("AAA"))));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertEquals("some dataAA", s(r.buffered()));
        r.feedData(b("A"));
        e = assertThrows(LimitOverrunException.class, () -> run(() -> r.readuntil(b("AAA"))));
        assertTrue(e.getMessage().contains("is found"), e.getMessage());
        assertEquals(9, e.consumed());
        assertEquals("some dataAAA", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_multi_separator */
    @Test
    void readuntilMultiSeparator() {
        StreamReader r = reader();
        r.feedData(b("line 1\nline 2\r"));
        assertEquals("line 1\n", s(run(() -> r.readuntil(b("\r"), b("\n")))));
        assertEquals("line 2\r", s(run(() -> r.readuntil(b("\r"), b("\n")))));
        assertEquals("", s(r.buffered()));
        // the first end position wins, even for a longer separator
        r.feedData(b("ABCDEFG"));
        assertEquals("ABCDE", s(run(() -> r.readuntil(b("DEF"), b("BCDE")))));
        assertEquals("FG", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_multi_separator_limit */
    @Test
    void readuntilMultiSeparatorLimit() {
        StreamReader r = reader(3);
        r.feedData(b("some dataA"));
        LimitOverrunException e = assertThrows(LimitOverrunException.class,
                () -> run(() -> r.readuntil(b("A"), b("ome dataA"))));
        assertTrue(e.getMessage().contains("is found"), e.getMessage());
        assertEquals("some dataA", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_multi_separator_negative_offset */
    @Test
    void readuntilMultiSeparatorNegativeOffset() {
        StreamReader r = reader();
        r.feedData(b("data"));
        Task<byte[]> t = loop.createTask(() -> r.readuntil(b("A"), b("long sep")));
        loop.callSoon(() -> r.feedData(b("Z")));
        loop.callSoon(() -> r.feedData(b("Aaaa")));
        assertEquals("dataZA", s(loop.runUntilComplete(t)));
        assertEquals("aaa", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readuntil_bytearray (a ByteBuffer fed, CRLF separator) */
    @Test
    void readuntilFromByteBuffer() {
        StreamReader r = reader();
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put(b("some data\r\n")).flip();
        r.feedData(direct.asReadOnlyBuffer());
        assertEquals("some data\r\n", s(run(() -> r.readuntil(b("\r\n")))));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readexactly_zero_or_less */
    @Test
    void readexactlyZeroOrLess() {
        StreamReader r = reader();
        r.feedData(b(DATA));
        assertEquals("", s(run(() -> r.readexactly(0))));
        assertEquals(DATA, s(r.buffered()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(() -> r.readexactly(-1))).getMessage()
                .contains("less than zero"));
        assertEquals(DATA, s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readexactly */
    @Test
    void readexactly() {
        StreamReader r = reader();
        int n = 2 * DATA.length();
        Task<byte[]> t = loop.createTask(() -> r.readexactly(n));
        loop.callSoon(() -> {
            r.feedData(b(DATA));
            r.feedData(b(DATA));
            r.feedData(b(DATA));
        });
        assertEquals(DATA + DATA, s(loop.runUntilComplete(t)));
        assertEquals(DATA, s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readexactly_limit */
    @Test
    void readexactlyLimit() {
        StreamReader r = reader(3);
        r.feedData(b("chunk"));
        assertEquals("chunk", s(run(() -> r.readexactly(5))));
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readexactly_eof */
    @Test
    void readexactlyEof() {
        StreamReader r = reader();
        int n = 2 * DATA.length();
        Task<byte[]> t = loop.createTask(() -> r.readexactly(n));
        loop.callSoon(() -> {
            r.feedData(b(DATA));
            r.feedEof();
        });
        IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> loop.runUntilComplete(t));
        assertEquals(DATA, s(e.partial()));
        assertEquals(n, e.expected());
        assertEquals("18 bytes read on a total of 36 expected bytes", e.getMessage());
        assertEquals("", s(r.buffered()));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_readexactly_exception */
    @Test
    void readexactlyException() {
        StreamReader r = reader();
        r.feedData(b("line\n"));
        assertEquals("li", s(run(() -> r.readexactly(2))));
        r.setException(new IllegalArgumentException());
        assertThrows(IllegalArgumentException.class, () -> run(() -> r.readexactly(2)));
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_exception */
    @Test
    void exception() {
        StreamReader r = reader();
        assertNull(r.exception());
        IllegalArgumentException exc = new IllegalArgumentException();
        r.setException(exc);
        assertSame(exc, r.exception());
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_exception_waiter */
    @Test
    void exceptionWaiter() {
        StreamReader r = reader();
        Task<byte[]> t1 = loop.createTask(r::readline);
        Task<Void> t2 = loop.createTask(() -> {
            r.setException(new IllegalArgumentException());
            return null;
        });
        loop.runUntilComplete(org.jasyncio.task.Coroutine.of(() -> AsyncIO.wait(List.<Task<?>>of(t1, t2))));
        assertThrows(IllegalArgumentException.class, t1::result);
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test_exception_cancel */
    @Test
    void exceptionCancel() {
        StreamReader r = reader();
        Task<byte[]> t = loop.createTask(r::readline);
        f.runBriefly();
        t.cancel();
        f.runBriefly();
        // fails if setException is not careful with a cancelled waiter
        r.setException(new IllegalStateException("message"));
        f.runBriefly();
        assertTrue(t.cancelled());
        assertFalse(r.toString().contains("waiter"), r.toString());
        f.assertNoErrors();
    }

    /** A second task waiting for data at the same time is refused (asyncio's RuntimeError). */
    @Test
    void concurrentReadersRefused() {
        StreamReader r = reader();
        Task<byte[]> first = loop.createTask(r::readline);
        f.runBriefly();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> r.read(1)));
        assertTrue(e.getMessage().contains("already waiting"), e.getMessage());
        r.feedData(b("x\n"));
        assertEquals("x\n", s(loop.runUntilComplete(first)));
    }

    /** feedData after feedEof is refused (asyncio asserts). */
    @Test
    void feedAfterEofRefused() {
        StreamReader r = reader();
        r.feedEof();
        assertThrows(IllegalStateException.class, () -> r.feedData(b("x")));
    }

    /**
     * Lib/test/test_asyncio/test_streams.py::StreamTests::test___repr__, test___repr__nondefault_limit,
     * test___repr__eof, test___repr__data, test___repr__exception
     */
    @Test
    void repr() {
        assertEquals("<StreamReader>", reader().toString());
        assertEquals("<StreamReader limit=123>", reader(123).toString());
        StreamReader eof = reader();
        eof.feedEof();
        assertEquals("<StreamReader eof>", eof.toString());
        StreamReader data = reader();
        data.feedData(b("data"));
        assertEquals("<StreamReader 4 bytes>", data.toString());
        StreamReader exc = reader();
        exc.setException(new IllegalStateException());
        assertEquals("<StreamReader exception=java.lang.IllegalStateException>", exc.toString());
    }

    /** Lib/test/test_asyncio/test_streams.py::StreamTests::test___repr__waiter */
    @Test
    void reprWaiter() {
        StreamReader r = reader();
        Task<byte[]> t = loop.createTask(r::readline);
        f.runBriefly();
        assertTrue(r.toString().startsWith("<StreamReader waiter=<Future pending"), r.toString());
        r.feedData(b("x\n"));
        loop.runUntilComplete(t);
        assertEquals("<StreamReader>", r.toString());
    }

    /** Long lines and many small chunks: the buffer compacts and grows without losing or reordering bytes. */
    @Test
    void manyChunksKeepOrder() {
        StreamReader r = reader(1 << 20);
        StringBuilder expected = new StringBuilder();
        Task<Integer> t = loop.createTask(() -> {
            int lines = 0;
            while (true) {
                byte[] line = r.readline();
                if (line.length == 0) {
                    return lines;
                }
                assertEquals("line " + lines + " " + "x".repeat(lines % 3000) + "\n", s(line));
                lines++;
            }
        });
        for (int i = 0; i < 2000; i++) {
            expected.append("line ").append(i).append(' ').append("x".repeat(i % 3000)).append('\n');
        }
        byte[] all = b(expected.toString());
        for (int at = 0, step = 1; at < all.length; at += step, step = step * 7 % 5003 + 1) {
            int from = at;
            int len = Math.min(step, all.length - at);
            loop.callSoon(() -> r.feedData(all, from, len));
        }
        loop.callSoon(r::feedEof);
        assertEquals(2000, loop.runUntilComplete(t));
    }
}
