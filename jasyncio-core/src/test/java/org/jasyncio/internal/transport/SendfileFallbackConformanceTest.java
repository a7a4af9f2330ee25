package org.jasyncio.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.jasyncio.net.ConnectionException;
import org.jasyncio.testing.OnEveryBackend;
import org.jasyncio.testing.SendfileFixture;
import org.jasyncio.transport.SendfileNotAvailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code loop.sendfile}'s fallback path and its refusal, on every readiness backend: the
 * ports of {@code Lib/test/test_asyncio/test_sendfile.py::SendfileMixin} that force the
 * fallback by making the native path unavailable (CPython patches
 * {@code loop._sendfile_native}; here the transport is given no native target).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class SendfileFallbackConformanceTest extends OnEveryBackend {
    static final byte[] DATA = SendfileFixture.DATA;

    @TempDir
    Path dir;

    private long sendWithoutNative(SendfileFixture s, long offset, Long count, boolean fallback) {
        SelectorSocketTransport t = (SelectorSocketTransport) s.cli.transport;
        return s.run(() -> TransportSendfile.send(loop, t, null, s.file, offset, count, fallback));
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_force_fallback */
    @Test
    void forceFallback() throws Exception {
        try (SendfileFixture s = new SendfileFixture(loop, dir, 0)) {
            long ret = sendWithoutNative(s, 0, null, true);
            // the protocol is back, and reading resumed
            assertSame(s.cli, s.cli.transport.getProtocol());
            assertTrue(s.cli.transport.isReading());
            s.closeAndAssertWholeFileArrived(ret);
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_partial, through the fallback */
    @Test
    void fallbackPartial() throws Exception {
        try (SendfileFixture s = new SendfileFixture(loop, dir, 0)) {
            long ret = sendWithoutNative(s, 1000, 100L, true);
            s.cli.transport.close();
            s.awaitServerDone();
            assertEquals(100, ret);
            assertArrayEquals(Arrays.copyOfRange(DATA, 1000, 1100), s.srv.data.toByteArray());
            assertEquals(1100, s.file.position());
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_force_unsupported_native */
    @Test
    void forceUnsupportedNative() throws Exception {
        try (SendfileFixture s = new SendfileFixture(loop, dir, 0)) {
            SendfileNotAvailableException e = assertThrows(SendfileNotAvailableException.class,
                    () -> sendWithoutNative(s, 0, null, false));
            assertTrue(e.getMessage().contains("not supported"), e.getMessage());
            s.cli.transport.close();
            s.awaitServerDone();
            assertEquals(0, s.srv.nbytes);
            assertEquals(0, s.file.position());
        }
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_sendfile.py::SendfileMixin::test_sendfile_fallback_close_peer_in_the_middle_of_receiving */
    @Test
    void fallbackClosePeerInTheMiddleOfReceiving() throws Exception {
        try (SendfileFixture s = new SendfileFixture(loop, dir, 1024)) {
            Throwable e = assertThrows(Throwable.class, () -> sendWithoutNative(s, 0, null, true));
            assertInstanceOf(ConnectionException.class, e, () -> "got " + e);
            s.awaitServerDone();
            assertTrue(1024 <= s.srv.nbytes && s.srv.nbytes < DATA.length, () -> "nbytes " + s.srv.nbytes);
            long pos = s.file.position();
            assertTrue(1024 <= pos && pos < DATA.length, () -> "position " + pos);
        }
        f.assertNoErrors();
    }
}
