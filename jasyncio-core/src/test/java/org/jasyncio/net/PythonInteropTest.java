package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.jasyncio.loop.Server;
import org.jasyncio.task.Future;
import org.jasyncio.transport.DatagramEndpoint;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.DatagramTransport;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with CPython's asyncio on this machine, both ways, TCP and UDP: a jasyncio
 * client against an asyncio server and an asyncio client against a jasyncio server
 * ({@code src/test/python/interop.py}), on every readiness backend.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class PythonInteropTest extends BackendLoopTest {
    static final int TCP_SIZE = 1_000_000;
    static final int DATAGRAMS = 200;

    /** The bytes interop.py sends and expects: byte i is (7 i + 3) mod 256. */
    static byte[] payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private static int port(PythonProcess p) throws Exception {
        String line = p.readLine();
        if (!line.startsWith("port ")) {
            throw new AssertionError("expected 'port N' from python, got: " + line + "; stderr: " + p.stderr());
        }
        return Integer.parseInt(line.substring(5));
    }

    /** A jasyncio TCP client streams 1 MB to an asyncio echo server and gets it back. */
    @Test
    void jasyncioTcpClientAgainstAsyncioServer() throws Exception {
        byte[] data = payload(TCP_SIZE);
        try (PythonProcess py = PythonProcess.start("interop.py", "tcp-server")) {
            byte[] echoed = run(f, () -> {
                int port = loop.runInExecutor(null, () -> port(py)).await();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Future<Throwable> lost = loop.createFuture();
                Transport t = loop.createConnection(() -> new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer d) {
                        got.writeBytes(NetTesting.copy(d));
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        lost.setResult(exc);
                    }
                }, "127.0.0.1", port).transport();
                for (int off = 0; off < data.length; off += 65536) {
                    t.write(ByteBuffer.wrap(data, off, Math.min(65536, data.length - off)));
                }
                t.writeEof();
                Throwable exc = lost.await();
                if (exc != null) {
                    throw new AssertionError("connection lost with " + exc, exc);
                }
                return got.toByteArray();
            });
            assertArrayEquals(data, echoed);
            py.closeInput();
            assertEquals(0, py.waitFor(30), py.stderr());
        }
        f.assertNoErrors();
    }

    /** A jasyncio UDP client exchanges datagrams with an asyncio echo endpoint. */
    @Test
    void jasyncioUdpClientAgainstAsyncioEndpoint() throws Exception {
        try (PythonProcess py = PythonProcess.start("interop.py", "udp-server")) {
            run(f, () -> {
                int port = loop.runInExecutor(null, () -> port(py)).await();
                java.util.ArrayDeque<Future<byte[]>> waiting = new java.util.ArrayDeque<>();
                DatagramEndpoint<DatagramProtocol> e = loop.createDatagramEndpoint(() -> new DatagramProtocol() {
                    @Override
                    public void datagramReceived(ByteBuffer data, SocketAddress address) {
                        waiting.removeFirst().setResult(NetTesting.copy(data));
                    }
                }, DatagramOptions.remote(new InetSocketAddress("127.0.0.1", port)));
                DatagramTransport t = e.transport();
                for (int i = 0; i < DATAGRAMS; i++) {
                    byte[] message = payload(i * 37 % 1400 + 1);
                    Future<byte[]> reply = loop.createFuture();
                    waiting.addLast(reply);
                    t.sendto(message);
                    assertArrayEquals(message, reply.await(), "datagram " + i);
                }
                t.close();
                return null;
            });
            py.closeInput();
            assertEquals(0, py.waitFor(30), py.stderr());
        }
        f.assertNoErrors();
    }

    /** An asyncio client streams 1 MB to a jasyncio echo server and checks the echo. */
    @Test
    void asyncioTcpClientAgainstJasyncioServer() throws Exception {
        String result = run(f, () -> {
            Server srv = loop.createServer(NetTesting.Echo::new, "127.0.0.1", 0);
            int port = ((InetSocketAddress) srv.sockets().get(0).getLocalAddress()).getPort();
            try (PythonProcess py = PythonProcess.start("interop.py", "tcp-client", String.valueOf(port),
                    String.valueOf(TCP_SIZE))) {
                String line = loop.runInExecutor(null, py::readLine).await();
                int code = loop.runInExecutor(null, () -> py.waitFor(60)).await();
                assertEquals(0, code, py.stderr());
                srv.close();
                srv.waitClosed();
                return line;
            }
        });
        assertEquals("ok " + TCP_SIZE, result);
        f.assertNoErrors();
    }

    /** An asyncio client exchanges datagrams with a jasyncio echo endpoint. */
    @Test
    void asyncioUdpClientAgainstJasyncioEndpoint() throws Exception {
        String result = run(f, () -> {
            DatagramEndpoint<DatagramProtocol> e = loop.createDatagramEndpoint(() -> new DatagramProtocol() {
                DatagramTransport t;

                @Override
                public void connectionMade(DatagramTransport transport) {
                    t = transport;
                }

                @Override
                public void datagramReceived(ByteBuffer data, SocketAddress address) {
                    t.sendto(data, address);
                }
            }, DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
            int port = ((InetSocketAddress) e.transport().getExtraInfo(Transport.SOCKNAME)).getPort();
            try (PythonProcess py = PythonProcess.start("interop.py", "udp-client", String.valueOf(port),
                    String.valueOf(DATAGRAMS))) {
                String line = loop.runInExecutor(null, py::readLine).await();
                int code = loop.runInExecutor(null, () -> py.waitFor(60)).await();
                assertEquals(0, code, py.stderr());
                e.transport().close();
                return line;
            }
        });
        assertEquals("ok " + DATAGRAMS, result);
        f.assertNoErrors();
    }
}
