package org.jasyncio.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Backend;
import org.jasyncio.task.Future;
import org.jasyncio.testing.ChildJvm;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;
import org.junit.jupiter.api.Test;

/**
 * The process's own stdin and stdout as pipe transports (the "including the
 * process's stdin/stdout when they are pipes"): a child JVM connects descriptor 0 as a
 * read pipe and descriptor 1 as a write pipe and echoes what it reads, upper-cased. Ported
 * in spirit from Lib/test/test_asyncio/test_events.py::EventLoopTestsMixin::test_read_pipe
 * and test_write_pipe, with the real standard streams.
 */
class StdioPipesTest {

    /** The child: echo stdin to stdout, upper-cased, until end of input. */
    public static final class EchoChild {
        public static void main(String[] args) {
            AsyncIO.run(() -> {
                var loop = AsyncIO.getRunningLoop();
                Future<Void> done = loop.createFuture();
                WritePipe<Protocol> out = loop.connectWritePipe(() -> new Protocol() {
                }, 1);
                loop.connectReadPipe(() -> new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer data) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        out.transport().write(new String(b, StandardCharsets.UTF_8).toUpperCase()
                                .getBytes(StandardCharsets.UTF_8));
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        out.transport().write("BYE\n".getBytes(StandardCharsets.UTF_8));
                        out.transport().close();
                        done.setResult(null);
                    }

                    @Override
                    public void connectionMade(Transport t) {
                        out.transport().write("READY\n".getBytes(StandardCharsets.UTF_8));
                    }
                }, 0);
                done.await();
                return null;
            });
        }
    }

    @Test
    void stdinAndStdoutAsPipes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backend.EPOLL.isAvailable(), "needs a raw-descriptor backend");
        try (ChildJvm child = ChildJvm.start(EchoChild.class,
                List.of("-Djasyncio.backend=" + Backend.EPOLL.id()))) {
            assertTrue(child.awaitLine("READY", Duration.ofSeconds(60)), child.output());
            child.stdin().write("hello pipes\n".getBytes(StandardCharsets.UTF_8));
            child.stdin().flush();
            assertTrue(child.awaitLine("HELLO PIPES", Duration.ofSeconds(60)), child.output());
            child.stdin().close();
            assertTrue(child.awaitLine("BYE", Duration.ofSeconds(60)), child.output());
            assertEquals(0, child.waitFor(Duration.ofSeconds(60)), child.output());
        }
    }
}
