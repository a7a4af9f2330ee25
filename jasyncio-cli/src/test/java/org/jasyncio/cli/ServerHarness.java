package org.jasyncio.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.Server;

/**
 * An example server on its own loop thread, for tests that talk to it over real sockets
 * with blocking clients. Closing it stops the loop and closes everything.
 */
final class ServerHarness implements AutoCloseable {
    private final SelectorEventLoop loop;
    private final Server server;
    private final Thread thread;
    final int port;

    ServerHarness(Backend backend, ExampleServer.Starter starter) throws IOException {
        loop = SelectorEventLoop.open(backend);
        server = loop.runUntilComplete(() -> starter.start(loop, "127.0.0.1", 0));
        port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
        thread = new Thread(loop::runForever, "example-server-" + backend.id());
        thread.setDaemon(true);
        thread.start();
    }

    /** Every readiness backend available here (core's {@code Backends#readiness}, which this module cannot see). */
    static Stream<Backend> readinessBackends() {
        return Arrays.stream(Backend.values()).filter(b -> b.kind() == Backend.Kind.READINESS && b.isAvailable());
    }

    Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
        s.setTcpNoDelay(true);
        return s;
    }

    /** Reads exactly {@code n} bytes (fails on end of stream or after the socket's timeout). */
    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("end of stream after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Reads until the peer closes. */
    static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, ISO_8859_1);
    }

    /** Writes {@code parts} from a virtual thread, so the test can read the replies meanwhile. */
    static Thread writeInBackground(Socket s, byte[]... parts) {
        return Thread.ofVirtual().start(() -> {
            try {
                for (byte[] p : parts) {
                    s.getOutputStream().write(p);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        loop.callSoonThreadsafe(() -> {
            server.close();
            server.closeClients();
            loop.stop();
        });
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (thread.isAlive()) {
            throw new IllegalStateException("the server loop did not stop");
        }
        loop.close();
    }
}
