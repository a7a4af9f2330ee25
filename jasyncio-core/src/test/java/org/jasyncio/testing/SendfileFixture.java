package org.jasyncio.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Server;
import org.jasyncio.net.ServerOptions;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * CPython's {@code test_sendfile.py} set-up ({@code SendfileBase} and
 * {@code SendfileMixin.prepare_sendfile}): a 1.1 MB file, a server and a client connected
 * over loopback with 4 KiB socket buffers (so a transfer waits for the peer many times),
 * each side with a {@link Proto}. Steps run with {@link #run}, CPython's {@code run_loop}.
 */
public final class SendfileFixture implements AutoCloseable {
    /** Larger than what Linux ≥ 6.10 buffers for a 4 KiB socket (CPython's comment). */
    public static final byte[] DATA = new byte[1024 * 17 * 64 + 1];
    static final int BUF_SIZE = 4 * 1024;

    static {
        Arrays.fill(DATA, (byte) 'x');
    }

    public final EventLoop loop;
    public final FileChannel file;
    public final Proto srv;
    public final Proto cli;
    private final Server server;

    /** CPython's {@code MySendfileProto}: checks the callback order, keeps the bytes, may close after some. */
    public static final class Proto implements Protocol {
        public Transport transport;
        public String state = "INITIAL";
        public int nbytes;
        public final ByteArrayOutputStream data = new ByteArrayOutputStream();
        public final Future<Void> done;
        private final int closeAfter;

        Proto(EventLoop loop, int closeAfter) {
            this.done = loop.createFuture();
            this.closeAfter = closeAfter;
        }

        private void expect(String... states) {
            if (!Arrays.asList(states).contains(state)) {
                throw new AssertionError("state: " + state + ", expected: " + Arrays.toString(states));
            }
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            expect("INITIAL");
            state = "CONNECTED";
        }

        @Override
        public boolean eofReceived() {
            expect("CONNECTED");
            state = "EOF";
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            expect("CONNECTED", "EOF");
            state = "CLOSED";
            done.setResult(null);
        }

        @Override
        public void dataReceived(ByteBuffer d) {
            expect("CONNECTED");
            nbytes += d.remaining();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            data.writeBytes(b);
            if (closeAfter > 0 && nbytes >= closeAfter) {
                transport.close();
            }
        }
    }

    /** Writes {@link #DATA} to a file in {@code dir} and connects the pair; the server closes after {@code closeAfter} bytes (0: never). */
    public SendfileFixture(EventLoop loop, Path dir, int closeAfter) throws IOException {
        this.loop = loop;
        Path p = dir.resolve("sendfile-data");
        Files.write(p, DATA);
        this.file = FileChannel.open(p, StandardOpenOption.READ);
        this.srv = new Proto(loop, closeAfter);
        this.cli = new Proto(loop, 0);
        ServerSocketChannel listening = ServerSocketChannel.open();
        listening.setOption(StandardSocketOptions.SO_RCVBUF, BUF_SIZE);   // inherited by the accepted socket
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.server = run(() -> loop.createServer(() -> srv, listening, ServerOptions.DEFAULTS));
        SocketChannel sock = SocketChannel.open(listening.getLocalAddress());
        sock.setOption(StandardSocketOptions.SO_SNDBUF, BUF_SIZE);
        run(() -> loop.createConnection(() -> cli, sock));
        cli.transport.setWriteBufferLimits(BUF_SIZE, null);
        run(Coroutine.of(() -> {
            for (int i = 0; i < 10_000 && srv.transport == null; i++) {
                org.jasyncio.AsyncIO.sleep(0.001);
            }
        }));
        if (srv.transport == null) {
            throw new AssertionError("the server did not accept the connection");
        }
    }

    /** CPython's {@code run_loop(coro)}. */
    public <T> T run(Coroutine<T> body) {
        return loop.runUntilComplete(body);
    }

    /**
     * CPython's closing checks of a whole-file send: close the client, wait for the server
     * side, then the count returned, the bytes received and the file position are all the file.
     */
    public void closeAndAssertWholeFileArrived(long returned) throws IOException {
        cli.transport.close();
        awaitServerDone();
        org.junit.jupiter.api.Assertions.assertEquals(DATA.length, returned);
        org.junit.jupiter.api.Assertions.assertEquals(DATA.length, srv.nbytes);
        org.junit.jupiter.api.Assertions.assertArrayEquals(DATA, srv.data.toByteArray());
        org.junit.jupiter.api.Assertions.assertEquals(DATA.length, file.position());
    }

    /** Waits for the server side to be gone. */
    public void awaitServerDone() {
        run(() -> srv.done.await());
    }

    /** CPython's cleanup: close both transports, wait for both, close the server. */
    @Override
    public void close() throws IOException {
        try {
            if (srv.transport != null) {
                srv.transport.close();
            }
            cli.transport.close();
            run(() -> srv.done.await());
            run(() -> cli.done.await());
            server.close();
            run(Coroutine.of(server::waitClosed));
        } finally {
            file.close();
        }
    }
}
