package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.bytes;
import static org.jasyncio.net.NetTesting.run;
import static org.jasyncio.net.NetTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BufferedProtocol;
import org.jasyncio.transport.Connection;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WriteBufferLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The selector socket transport on every readiness backend: ports of
 * {@code Lib/test/test_asyncio/test_selector_events.py} ({@code SelectorTransportTests},
 * {@code SelectorSocketTransportTests}, {@code SelectorSocketTransportBufferedProtocolTests}),
 * {@code test_transports.py} and {@code test_buffered_proto.py}. CPython drives a mocked
 * socket; here the same scenarios run over a real loopback connection whose other end
 * ({@code peer}) the test controls.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class SocketTransportConformanceTest extends BackendLoopTest {
    NetTesting.Pair pair;
    SocketChannel peer;

    @BeforeEach
    void openPair() throws Exception {
        pair = NetTesting.tcpPair();
        peer = pair.b();
    }

    @AfterEach
    void closePair() throws Exception {
        pair.close();
    }

    private <P extends Protocol> Connection<P> connect(P protocol) {
        return loop.createConnection(() -> protocol, pair.a());
    }

    private NetTesting.Probe probe() {
        return new NetTesting.Probe(loop);
    }

    /** Peer-side blocking read of n bytes, run in the executor so the loop keeps flushing. */
    private byte[] peerRead(int n) {
        return loop.runInExecutor(null, () -> NetTesting.readExactly(peer, n)).await();
    }

    // ---------------------------------------------------------------- construction

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_ctor_with_waiter */
    @Test
    void createConnectionReturnsAfterConnectionMade() {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Connection<NetTesting.Probe> c = connect(p);
            assertEquals(List.of("made"), p.events);
            assertSame(c.transport(), p.transport);
            assertTrue(c.transport().isReading());
            assertEquals(Boolean.TRUE, pair.a().getOption(StandardSocketOptions.TCP_NODELAY));
            c.transport().close();
            return p.lost.await();
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_ctor (data flows once started) */
    @Test
    void readsDataAfterConnectionMade() throws Exception {
        peer.write(ByteBuffer.wrap(bytes("data")));
        NetTesting.Probe p = probe();
        run(f, () -> {
            connect(p);
            while (p.received.size() < 4) {
                AsyncIO.sleep(0.001);
            }
            return null;
        });
        assertEquals("data", p.text());
        assertEquals(List.of("made", "data"), p.events);
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_pause_resume_reading */
    @Test
    void pauseResumeReading() throws Exception {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            assertTrue(t.isReading());
            t.pauseReading();
            t.pauseReading();   // idempotent
            assertFalse(t.isReading());
            peer.write(ByteBuffer.wrap(bytes("held")));
            AsyncIO.sleep(0.05);
            assertEquals(0, p.received.size(), "no data while paused");
            t.resumeReading();
            t.resumeReading();
            assertTrue(t.isReading());
            while (p.received.size() < 4) {
                AsyncIO.sleep(0.001);
            }
            t.close();
            assertFalse(t.isReading());
            t.pauseReading();   // no effect on a closing transport
            t.resumeReading();
            return null;
        });
        assertEquals("held", p.text());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_pause_reading_connection_made */
    @Test
    void pauseReadingInConnectionMade() throws Exception {
        peer.write(ByteBuffer.wrap(bytes("x")));
        NetTesting.Probe p = new NetTesting.Probe(loop) {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                t.pauseReading();
            }
        };
        run(f, () -> {
            Transport t = connect(p).transport();
            AsyncIO.sleep(0.05);
            assertFalse(t.isReading());
            assertEquals(0, p.received.size());
            t.resumeReading();
            while (p.received.size() < 1) {
                AsyncIO.sleep(0.001);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- reading and end of stream

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_read_ready_eof */
    @Test
    void eofClosesTheTransport() throws Exception {
        NetTesting.Probe p = probe();
        Throwable exc = run(f, () -> {
            Transport t = connect(p).transport();
            peer.write(ByteBuffer.wrap(bytes("bye")));
            peer.shutdownOutput();
            Throwable e = p.lost.await();
            assertTrue(t.isClosing());
            return e;
        });
        assertNull(exc);
        assertEquals(List.of("made", "data", "eof", "lost"), p.events);
        assertEquals(0, NetTesting.readAll(peer).length, "the peer reads end of stream: the transport closed");
    }

    /**
     * Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_read_ready_eof_keep_open
     * (also the fault case "peer half-close": the transport keeps writing after the peer's EOF)
     */
    @Test
    void eofKeepOpenAllowsWritingAfterPeerHalfClose() throws Exception {
        NetTesting.Probe p = probe();
        p.keepOpenOnEof = true;
        byte[] reply = run(f, () -> {
            Transport t = connect(p).transport();
            peer.shutdownOutput();
            while (!p.events.contains("eof")) {
                AsyncIO.sleep(0.001);
            }
            assertFalse(t.isClosing());
            t.write(bytes("still here"));
            byte[] got = peerRead(10);
            t.close();
            p.lost.await();
            return got;
        });
        assertEquals("still here", text(reply));
        assertEquals(List.of("made", "eof", "lost"), p.events);
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_read_eof_received_error */
    @Test
    void eofReceivedErrorIsFatal() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        NetTesting.Probe p = new NetTesting.Probe(loop) {
            @Override
            public boolean eofReceived() {
                throw boom;
            }
        };
        Throwable exc = run(f, () -> {
            connect(p);
            peer.shutdownOutput();
            return p.lost.await();
        });
        assertSame(boom, exc);
        assertEquals(1, f.errors.size());
        ExceptionContext c = f.errors.get(0);
        assertEquals("Fatal error: protocol.eof_received() call failed.", c.message());
        assertSame(boom, c.exception());
        assertSame(p.transport, c.get(ExceptionContext.TRANSPORT));
        assertSame(p, c.get(ExceptionContext.PROTOCOL));
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_data_received_error */
    @Test
    void dataReceivedErrorIsFatal() throws Exception {
        NetTesting.Probe p = new NetTesting.Probe(loop) {
            @Override
            public void dataReceived(ByteBuffer data) {
                throw new IllegalArgumentException("bad data");
            }
        };
        Throwable exc = run(f, () -> {
            connect(p);
            peer.write(ByteBuffer.wrap(bytes("x")));
            return p.lost.await();
        });
        assertInstanceOf(IllegalArgumentException.class, exc);
        assertEquals("Fatal error: protocol.data_received() call failed.", f.errors.get(0).message());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_read_ready_conn_reset */
    @Test
    void peerResetIsReportedToConnectionLostOnly() throws Exception {
        NetTesting.Probe p = probe();
        Throwable exc = run(f, () -> {
            connect(p);
            peer.setOption(StandardSocketOptions.SO_LINGER, 0);
            peer.close();   // RST
            return p.lost.await();
        });
        assertInstanceOf(ConnectionResetException.class, exc);
        f.assertNoErrors();   // socket errors are not reported to the exception handler
    }

    /** The buffer handed to dataReceived is the loop's read buffer: read-only, valid during the call. */
    @Test
    void dataReceivedGetsAReadOnlyView() throws Exception {
        List<Boolean> readOnly = new java.util.ArrayList<>();
        NetTesting.Probe p = new NetTesting.Probe(loop) {
            @Override
            public void dataReceived(ByteBuffer data) {
                readOnly.add(data.isReadOnly());
                super.dataReceived(data);
            }
        };
        peer.write(ByteBuffer.wrap(bytes("abc")));
        run(f, () -> {
            connect(p);
            while (p.received.size() < 3) {
                AsyncIO.sleep(0.001);
            }
            return null;
        });
        assertEquals(List.of(true), readOnly);
    }

    // ---------------------------------------------------------------- writing

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write */
    @Test
    void writeSendsAtOnce() throws Exception {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            ByteBuffer data = ByteBuffer.wrap(bytes("data"));
            t.write(data);
            assertFalse(data.hasRemaining(), "write consumes its argument");
            assertEquals(0, t.getWriteBufferSize());
            return null;
        });
        assertEquals("data", text(NetTesting.readExactly(peer, 4)));
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write_no_data */
    @Test
    void writeNoData() {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            t.write(new byte[0]);
            assertEquals(0, t.getWriteBufferSize());
            return null;
        });
    }

    /**
     * Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write_partial,
     * test_write_buffer, test_write_tryagain, test_write_ready_partial: what the socket does not
     * take is buffered, later writes queue behind it, and everything arrives in order.
     */
    @Test
    void writePartialBuffersAndKeepsOrder() throws Exception {
        pair.a().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        NetTesting.Probe p = probe();
        int chunk = 64 * 1024;
        int count = 8;
        byte[] got = run(f, () -> {
            Transport t = connect(p).transport();
            t.setWriteBufferLimits(Integer.MAX_VALUE, 0);
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[chunk];
                java.util.Arrays.fill(b, (byte) ('a' + i));
                t.write(b);
            }
            assertTrue(t.getWriteBufferSize() > 0, "the socket cannot have taken 512 KiB at once");
            assertEquals(0, p.pauses, "limits were raised above what is buffered");
            byte[] all = peerRead(chunk * count);
            assertEquals(0, t.getWriteBufferSize());
            return all;
        });
        assertEquals(chunk * count, got.length);
        for (int i = 0; i < count; i++) {
            assertEquals('a' + i, got[i * chunk]);
            assertEquals('a' + i, got[i * chunk + chunk - 1]);
        }
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_writelines_send_partial */
    @Test
    void writelinesGathersAndBuffersTheRest() throws Exception {
        NetTesting.Probe p = probe();
        byte[] got = run(f, () -> {
            Transport t = connect(p).transport();
            t.writelines(List.of(ByteBuffer.wrap(bytes("ab")), ByteBuffer.wrap(bytes("cd")),
                    ByteBuffer.wrap(new byte[300_000])));
            t.writelines(List.of(ByteBuffer.wrap(bytes("ef"))));
            return peerRead(300_006);
        });
        assertEquals("abcd", text(java.util.Arrays.copyOf(got, 4)));
        assertEquals("ef", text(java.util.Arrays.copyOfRange(got, 300_004, 300_006)));
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write_closing */
    @Test
    void writeAfterCloseIsIgnored() {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            t.close();
            for (int i = 0; i < 7; i++) {   // the fifth and later log asyncio's warning
                t.write(bytes("data"));
            }
            assertEquals(0, t.getWriteBufferSize());
            return p.lost.await();
        });
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write_ready_closing */
    @Test
    void closeFlushesTheBufferFirst() throws Exception {
        pair.a().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        NetTesting.Probe p = probe();
        byte[] big = new byte[1_000_000];
        java.util.Arrays.fill(big, (byte) 7);
        List<Future<byte[]>> reader = new java.util.ArrayList<>();
        Throwable exc = run(f, () -> {
            Transport t = connect(p).transport();
            t.write(big);
            assertTrue(t.getWriteBufferSize() > 0);
            t.close();
            assertTrue(t.isClosing());
            reader.add(loop.runInExecutor(null, () -> NetTesting.readAll(peer)));
            Throwable e = p.lost.await();
            reader.get(0).await();
            return e;
        });
        assertNull(exc);
        assertArrayEquals(big, reader.get(0).result());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write_eof */
    @Test
    void writeEofHalfCloses() throws Exception {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            assertTrue(t.canWriteEof());
            t.write(bytes("last"));
            t.writeEof();
            t.writeEof();   // idempotent
            assertThrows(IllegalStateException.class, () -> t.write(bytes("more")));
            assertEquals("last", text(loop.runInExecutor(null, () -> NetTesting.readAll(peer)).await()));
            // still reading after our EOF
            peer.write(ByteBuffer.wrap(bytes("reply")));
            while (p.received.size() < 5) {
                AsyncIO.sleep(0.001);
            }
            return null;
        });
        assertEquals("reply", p.text());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportTests::test_write_eof_buffer */
    @Test
    void writeEofWaitsForTheBuffer() throws Exception {
        pair.a().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        NetTesting.Probe p = probe();
        byte[] big = new byte[500_000];
        byte[] got = run(f, () -> {
            Transport t = connect(p).transport();
            t.write(big);
            assertTrue(t.getWriteBufferSize() > 0);
            t.writeEof();
            return loop.runInExecutor(null, () -> NetTesting.readAll(peer)).await();
        });
        assertEquals(big.length, got.length);
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorTransportTests::test_abort */
    @Test
    void abortDropsTheBuffer() throws Exception {
        pair.a().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        NetTesting.Probe p = probe();
        Throwable exc = run(f, () -> {
            Transport t = connect(p).transport();
            t.write(new byte[1_000_000]);
            assertTrue(t.getWriteBufferSize() > 0);
            t.abort();
            assertEquals(0, t.getWriteBufferSize());
            assertTrue(t.isClosing());
            return p.lost.await();
        });
        assertNull(exc);
        assertTrue(NetTesting.readAll(peer).length < 1_000_000);
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorTransportTests::test_fatal_error_custom_exception */
    @Test
    void pauseWritingFailureIsReported() {
        NetTesting.Probe p = new NetTesting.Probe(loop) {
            @Override
            public void pauseWriting() {
                throw new IllegalStateException("no pause");
            }
        };
        run(f, () -> {
            Transport t = connect(p).transport();
            t.setWriteBufferLimits(10, 0);
            pair.a().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            t.write(new byte[1_000_000]);
            t.abort();
            return p.lost.await();
        });
        assertEquals("protocol.pause_writing() failed", f.errors.get(0).message());
    }

    // ---------------------------------------------------------------- flow control

    /** Lib/test/test_asyncio/test_transports.py::TransportTests::test_flowcontrol_mixin_set_write_limits */
    @Test
    void setWriteBufferLimits() throws Exception {
        pair.a().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            assertEquals(WriteBufferLimits.DEFAULT, t.getWriteBufferLimits());
            assertEquals(new WriteBufferLimits(16 * 1024, 64 * 1024), t.getWriteBufferLimits());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.setWriteBufferLimits(0, 1));
            assertTrue(e.getMessage().matches("high.*must be >= low.*"), e.getMessage());
            t.pauseReading();
            t.setWriteBufferLimits(Integer.MAX_VALUE, 0);
            t.write(new byte[2_000_000]);   // far more than the socket takes
            long size = t.getWriteBufferSize();
            assertTrue(size > 1024, "buffered: " + size);
            t.setWriteBufferLimits((int) size * 4, 128);
            assertEquals(0, p.pauses);
            assertEquals(new WriteBufferLimits(128, (int) size * 4), t.getWriteBufferLimits());
            t.setWriteBufferLimits(256, 128);
            assertEquals(1, p.pauses);
            assertEquals(new WriteBufferLimits(128, 256), t.getWriteBufferLimits());
            t.setWriteBufferLimits(null, 100);
            assertEquals(new WriteBufferLimits(100, 400), t.getWriteBufferLimits());
            t.setWriteBufferLimits(400, null);
            assertEquals(new WriteBufferLimits(100, 400), t.getWriteBufferLimits());
            t.abort();
            return null;
        });
    }

    // ---------------------------------------------------------------- protocols

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportBufferedProtocolTests::test_proto_type_switch */
    @Test
    void protocolTypeSwitch() throws Exception {
        NetTesting.Probe p = probe();
        ByteBuffer own = ByteBuffer.allocate(4);
        List<Integer> updates = new java.util.ArrayList<>();
        List<Integer> hints = new java.util.ArrayList<>();
        BufferedProtocol buffered = new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                hints.add(sizeHint);
                return own.clear();
            }

            @Override
            public void bufferUpdated(int nbytes) {
                updates.add(nbytes);
            }
        };
        run(f, () -> {
            Transport t = connect(p).transport();
            peer.write(ByteBuffer.wrap(bytes("data")));
            while (p.received.size() < 4) {
                AsyncIO.sleep(0.001);
            }
            t.setProtocol(buffered);
            assertSame(buffered, t.getProtocol());
            peer.write(ByteBuffer.wrap(bytes("more")));
            while (updates.isEmpty()) {
                AsyncIO.sleep(0.001);
            }
            assertThrows(IllegalArgumentException.class, () -> t.setProtocol(new org.jasyncio.transport.DatagramProtocol() {
            }));
            t.abort();
            return null;
        });
        assertEquals("data", p.text());
        assertEquals(-1, hints.get(0));
        assertEquals(4, updates.get(0));
        assertEquals("more", text(own.flip().array()));
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportBufferedProtocolTests::test_get_buffer_zerosized */
    @Test
    void getBufferZeroSizedIsFatal() throws Exception {
        Throwable exc = bufferedFailure(new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return ByteBuffer.allocate(0);
            }

            @Override
            public void bufferUpdated(int nbytes) {
            }
        });
        assertInstanceOf(IllegalStateException.class, exc);
        assertTrue(exc.getMessage().contains("empty buffer"));
        assertEquals("Fatal error: protocol.get_buffer() call failed.", f.errors.get(0).message());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportBufferedProtocolTests::test_get_buffer_error */
    @Test
    void getBufferErrorIsFatal() throws Exception {
        Throwable exc = bufferedFailure(new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                throw new ArithmeticException("1 / 0");
            }

            @Override
            public void bufferUpdated(int nbytes) {
            }
        });
        assertInstanceOf(ArithmeticException.class, exc);
        assertEquals("Fatal error: protocol.get_buffer() call failed.", f.errors.get(0).message());
    }

    /** Lib/test/test_asyncio/test_selector_events.py::SelectorSocketTransportBufferedProtocolTests::test_buffer_updated_error */
    @Test
    void bufferUpdatedErrorIsFatal() throws Exception {
        Throwable exc = bufferedFailure(new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return ByteBuffer.allocate(100);
            }

            @Override
            public void bufferUpdated(int nbytes) {
                throw new IllegalStateException("oups");
            }
        });
        assertEquals("oups", exc.getMessage());
        assertEquals("Fatal error: protocol.buffer_updated() call failed.", f.errors.get(0).message());
    }

    private Throwable bufferedFailure(BufferedProtocol inner) throws Exception {
        Future<Throwable> lost = loop.createFuture();
        BufferedProtocol p = new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return inner.getBuffer(sizeHint);
            }

            @Override
            public void bufferUpdated(int nbytes) {
                inner.bufferUpdated(nbytes);
            }

            @Override
            public void connectionLost(Throwable exc) {
                lost.setResult(exc);
            }
        };
        peer.write(ByteBuffer.wrap(bytes("a")));
        return run(f, () -> {
            loop.createConnection(() -> p, pair.a());
            return lost.await();
        });
    }

    /**
     * Lib/test/test_asyncio/test_buffered_proto.py::BaseTestBufferedProtocol::test_buffered_proto_create_connection
     * (data lands in the protocol's own buffer with no copy in between)
     */
    @Test
    void bufferedProtocolReceivesEverything() throws Exception {
        byte[] noise = bytes("12345678+".repeat(1024));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        Future<Throwable> lost = loop.createFuture();
        ByteBuffer own = ByteBuffer.allocateDirect(100);
        BufferedProtocol p = new BufferedProtocol() {
            Transport transport;

            @Override
            public void connectionMade(Transport t) {
                transport = t;
            }

            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return own.clear();
            }

            @Override
            public void bufferUpdated(int nbytes) {
                own.flip();
                byte[] b = new byte[nbytes];
                own.get(b);
                got.writeBytes(b);
                if (got.size() == noise.length) {
                    transport.write(bytes("1"));
                }
            }

            @Override
            public void connectionLost(Throwable exc) {
                lost.setResult(exc);
            }
        };
        run(f, () -> {
            loop.createConnection(() -> p, pair.a());
            loop.runInExecutor(null, () -> {
                peer.write(ByteBuffer.wrap(noise));
                NetTesting.readExactly(peer, 1);
                peer.close();
                return null;
            }).await();
            return lost.await();
        });
        assertArrayEquals(noise, got.toByteArray());
    }

    /** uvloop tests/test_tcp.py::Test_UV_TCP::test_transport_get_extra_info */
    @Test
    void extraInfoSurvivesClose() throws Exception {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            assertSame(pair.a(), t.getExtraInfo(Transport.SOCKET));
            assertEquals(pair.a().getLocalAddress(), t.getExtraInfo(Transport.SOCKNAME));
            assertEquals(pair.a().getRemoteAddress(), t.getExtraInfo(Transport.PEERNAME));
            assertNull(t.getExtraInfo("nonexistent"));
            assertEquals("dflt", t.getExtraInfo("nonexistent", "dflt"));
            Object peername = t.getExtraInfo(Transport.PEERNAME);
            t.abort();
            p.lost.await();
            assertEquals(peername, t.getExtraInfo(Transport.PEERNAME));
            return null;
        });
    }

    /** Transports are loop-confined: a foreign thread gets a clear error. */
    @Test
    void foreignThreadWriteIsRefused() {
        NetTesting.Probe p = probe();
        run(f, () -> {
            Transport t = connect(p).transport();
            Throwable e = loop.runInExecutor(null, () -> {
                try {
                    t.write(bytes("x"));
                    return null;
                } catch (IllegalStateException expected) {
                    return expected;
                }
            }).await();
            assertInstanceOf(IllegalStateException.class, e);
            assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
            t.abort();
            return null;
        });
    }
}
