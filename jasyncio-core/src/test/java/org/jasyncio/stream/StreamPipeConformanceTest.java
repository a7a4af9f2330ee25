package org.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams over pipe transports on every readiness backend: a {@link StreamReader} fed
 * through {@link StreamReaderProtocol} from a read pipe, and a {@link StreamWriter} over a
 * write-only pipe transport whose protocol feeds a {@link WriteFlowControl} (the pieces a
 * subprocess's stdin/stdout streams are built from).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class StreamPipeConformanceTest extends StreamLoopTest {

    /**
     * Lib/test/test_asyncio/test_streams.py::StreamTests::test_read_all_from_pipe_reader
     * (asyncio issue 168: a limit of 1, so twice it is less than the data; a thread plays
     * the child process that writes and closes).
     */
    @Test
    void readAllFromPipeReader() throws Exception {
        Pipe pipe = Pipe.open();
        StreamReader reader = new StreamReader(loop, 1);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader);
        run(() -> loop.connectReadPipe(() -> protocol, pipe.source()));
        Thread child = Thread.ofPlatform().daemon().start(() -> {
            try (Pipe.SinkChannel sink = pipe.sink()) {
                sink.write(ByteBuffer.wrap(b("data")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        child.join(10_000);
        assertEquals("data", s(run(() -> reader.read(-1))));
        f.assertNoErrors();
    }

    /** A write pipe's protocol feeding write flow control (as asyncio's subprocess stream protocol does). */
    static final class FlowProtocol implements BaseProtocol<Transport> {
        final WriteFlowControl flow;
        final Future<Void> closed;
        int pauses;

        FlowProtocol(org.jasyncio.loop.EventLoop loop) {
            flow = new WriteFlowControl(loop);
            closed = loop.createFuture();
        }

        @Override
        public void pauseWriting() {
            pauses++;
            flow.pauseWriting();
        }

        @Override
        public void resumeWriting() {
            flow.resumeWriting();
        }

        @Override
        public void connectionLost(Throwable exc) {
            flow.connectionLost(exc);
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
            }
        }
    }

    /** A StreamWriter over a write-only pipe transport: drain() holds the writer back until the reader catches up. */
    @Test
    void writerOverWritePipeWithBackpressure() throws Exception {
        Pipe pipe = Pipe.open();
        int total = 2 * 1024 * 1024;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        StreamReader reader = new StreamReader(loop);
        StreamReaderProtocol readProtocol = new StreamReaderProtocol(reader);
        FlowProtocol flowProtocol = new FlowProtocol(loop);
        runVoid(() -> {
            loop.connectReadPipe(() -> readProtocol, pipe.source());
            WritePipe<FlowProtocol> wp = loop.connectWritePipe(() -> flowProtocol, pipe.sink());
            StreamWriter writer = new StreamWriter(wp.transport(), flowProtocol.flow, null, flowProtocol.closed);
            var consumer = loop.createTask(() -> {
                byte[] part;
                while ((part = reader.read(65536)).length > 0) {
                    got.writeBytes(part);
                }
                return null;
            });
            byte[] chunk = new byte[32 * 1024];
            for (int sent = 0; sent < total; sent += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ((sent + i) % 251);
                }
                writer.write(chunk);
                writer.drain();
                assertTrue(wp.transport().getWriteBufferSize() <= wp.transport().getWriteBufferLimits().high());
            }
            writer.close();
            writer.waitClosed();
            consumer.await();
        });
        assertTrue(flowProtocol.pauses > 0, "the pipe never filled up: no backpressure was exercised");
        byte[] all = got.toByteArray();
        assertEquals(total, all.length);
        for (int i = 0; i < total; i++) {
            if (all[i] != (byte) (i % 251)) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
        f.assertNoErrors();
    }
}
