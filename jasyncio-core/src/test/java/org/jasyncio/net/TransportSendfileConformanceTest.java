package org.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.SendfileFixture;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.WriteBufferLimits;
import org.jasyncio.transport.WriteTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code loop.sendfile} over the loop's TCP transports, on every readiness backend: ports of
 * {@code Lib/test/test_asyncio/test_sendfile.py::SendfileMixin} (the native path; the
 * fallback path is in {@code internal.transport.SendfileFallbackConformanceTest}).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class TransportSendfileConformanceTest extends BackendLoopTest {
    static final byte[] DATA = SendfileFixture.DATA;

    @TempDir
    Path dir;

    SendfileFixture prepare(int closeAfter) throws Exception {
        return new SendfileFixture(loop, dir, closeAfter);
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_not_supported (a transport the loop did not make) */
    @Test
    void notSupported() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> s.run(() -> loop.sendfile(new ForeignTransport(), s.file)));
            assertTrue(e.getMessage().contains("not supported"), e.getMessage());
            assertEquals(0, s.file.position());
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile */
    @Test
    void sendfile() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            long ret = s.run(() -> loop.sendfile(s.cli.transport, s.file));
            s.closeAndAssertWholeFileArrived(ret);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_for_closing_transp */
    @Test
    void forClosingTransport() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            s.cli.transport.close();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.run(() -> loop.sendfile(s.cli.transport, s.file)));
            assertTrue(e.getMessage().contains("is closing"), e.getMessage());
            s.awaitServerDone();
            assertEquals(0, s.srv.nbytes);
            assertEquals(0, s.file.position());
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_pre_and_post_data */
    @Test
    void preAndPostData() throws Exception {
        byte[] prefix = NetTesting.bytes("PREFIX__".repeat(1024));
        byte[] suffix = NetTesting.bytes("--SUFFIX".repeat(1024));
        try (SendfileFixture s = prepare(0)) {
            s.cli.transport.write(prefix);
            long ret = s.run(() -> loop.sendfile(s.cli.transport, s.file));
            s.cli.transport.write(suffix);
            s.cli.transport.close();
            s.awaitServerDone();
            assertEquals(DATA.length, ret);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(prefix);
            expected.writeBytes(DATA);
            expected.writeBytes(suffix);
            assertArrayEquals(expected.toByteArray(), s.srv.data.toByteArray());
            assertEquals(DATA.length, s.file.position());
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_partial */
    @Test
    void partial() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            long ret = s.run(() -> loop.sendfile(s.cli.transport, s.file, 1000, 100L, true));
            s.cli.transport.close();
            s.awaitServerDone();
            assertEquals(100, ret);
            assertEquals(100, s.srv.nbytes);
            assertArrayEquals(Arrays.copyOfRange(DATA, 1000, 1100), s.srv.data.toByteArray());
            assertEquals(1100, s.file.position());
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_close_peer_after_receiving */
    @Test
    void closePeerAfterReceiving() throws Exception {
        try (SendfileFixture s = prepare(DATA.length)) {
            long ret = s.run(() -> loop.sendfile(s.cli.transport, s.file));
            s.closeAndAssertWholeFileArrived(ret);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_close_peer_in_the_middle_of_receiving */
    @Test
    void closePeerInTheMiddleOfReceiving() throws Exception {
        try (SendfileFixture s = prepare(1024)) {
            assertThrows(ConnectionException.class, () -> s.run(() -> loop.sendfile(s.cli.transport, s.file)));
            s.awaitServerDone();
            assertTrue(1024 <= s.srv.nbytes && s.srv.nbytes < DATA.length, () -> "nbytes " + s.srv.nbytes);
            long pos = s.file.position();
            assertTrue(1024 <= pos && pos < DATA.length, () -> "position " + pos);
            f.runUntil(s.cli.transport::isClosing);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_prevents_bare_write */
    @Test
    void preventsBareWrite() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            Future<Void> started = loop.createFuture();
            Task<Long> t = loop.createTask(() -> {
                started.setResult(null);
                return loop.sendfile(s.cli.transport, s.file);
            });
            loop.runUntilComplete(started);
            f.runOnce();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.cli.transport.write(NetTesting.bytes("data")));
            assertTrue(e.getMessage().contains("sendfile is in progress"), e.getMessage());
            assertThrows(IllegalStateException.class,
                    () -> s.cli.transport.writelines(List.of(ByteBuffer.wrap(NetTesting.bytes("data")))));
            assertEquals(DATA.length, loop.runUntilComplete(t));
            s.cli.transport.write(NetTesting.bytes("after"));   // allowed again
        }
        f.assertNoErrors();
    }

    /** Reading is paused during the transfer and resumed after it (asyncio's _sendfile_native). */
    @Test
    void readingPausedDuringTransferAndResumedAfter() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            Task<Long> t = loop.createTask(() -> loop.sendfile(s.cli.transport, s.file));
            f.runOnce();
            f.runOnce();
            assertTrue(!t.done() && !s.cli.transport.isReading(), "reading must be paused while the file is sent");
            assertEquals(DATA.length, loop.runUntilComplete(t));
            assertTrue(s.cli.transport.isReading());
            s.srv.transport.write(NetTesting.bytes("reply"));
            f.runUntil(() -> s.cli.nbytes == 5);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_base_events.py::BaseLoopSendfileTests::test_negative_offset and test_negative_count */
    @Test
    void badArguments() throws Exception {
        try (SendfileFixture s = prepare(0)) {
            IllegalArgumentException offset = assertThrows(IllegalArgumentException.class,
                    () -> s.run(() -> loop.sendfile(s.cli.transport, s.file, -1, null, true)));
            assertTrue(offset.getMessage().contains("offset must be a non-negative integer"), offset.getMessage());
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> s.run(() -> loop.sendfile(s.cli.transport, s.file, 0, 0L, true)));
            assertTrue(count.getMessage().contains("count must be a positive integer"), count.getMessage());
            assertEquals(0, s.file.position());
            assertTrue(s.cli.transport.isReading());
        }
        f.assertNoErrors();
    }

    /** A write transport of the caller's own: the loop cannot send a file through it. */
    static final class ForeignTransport implements WriteTransport {
        @Override
        public void setWriteBufferLimits(Integer high, Integer low) {
        }

        @Override
        public WriteBufferLimits getWriteBufferLimits() {
            return WriteBufferLimits.DEFAULT;
        }

        @Override
        public long getWriteBufferSize() {
            return 0;
        }

        @Override
        public void write(ByteBuffer data) {
            throw new AssertionError("nothing may be written");
        }

        @Override
        public void writelines(List<ByteBuffer> data) {
            throw new AssertionError("nothing may be written");
        }

        @Override
        public void writeEof() {
        }

        @Override
        public boolean canWriteEof() {
            return false;
        }

        @Override
        public void abort() {
        }

        @Override
        public Object getExtraInfo(String name, Object defaultValue) {
            return defaultValue;
        }

        @Override
        public boolean isClosing() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public void setProtocol(BaseProtocol<?> protocol) {
        }

        @Override
        public BaseProtocol<?> getProtocol() {
            return null;
        }
    }
}
