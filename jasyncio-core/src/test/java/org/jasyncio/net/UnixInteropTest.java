package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Server;
import org.jasyncio.stream.StreamPair;
import org.jasyncio.stream.Streams;
import org.jasyncio.task.Future;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unix-socket interop with CPython's asyncio on this machine, both ways, on a path and on
 * an abstract name, with protocols and with streams (asyncio's {@code open_unix_connection}
 * against {@code Streams.startUnixServer}, {@code Streams.openUnixConnection} against
 * asyncio's {@code create_unix_server}) ({@code src/test/python/unix_interop.py}), on every readiness backend;
 * each side checks the other's {@code SO_PEERCRED} pid.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class UnixInteropTest extends BackendLoopTest {
    static final int SIZE = 300_000;
    /** Where the socket files go (JUnit removes it); short, as sun_path holds 108 bytes. */
    @TempDir
    Path dir;

    private static String field(PythonProcess py, String key, int index) throws IOException {
        String line = py.readLine();
        String[] parts = line.split(" ");
        if (!parts[0].equals(key)) {
            throw new AssertionError("expected '" + key + " ...' from python, got: " + line + "; stderr: "
                    + py.stderr());
        }
        return parts[index];
    }

    private void jasyncioClient(String pyAddress, SocketAddress address) throws Exception {
        byte[] data = PythonInteropTest.payload(SIZE);
        try (PythonProcess py = PythonProcess.start("unix_interop.py", "server", pyAddress)) {
            byte[] echoed = run(f, () -> {
                int pid = Integer.parseInt(loop.runInExecutor(null, () -> field(py, "ready", 1)).await());
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Future<Throwable> lost = loop.createFuture();
                Transport t = loop.createUnixConnection(() -> new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer d) {
                        got.writeBytes(NetTesting.copy(d));
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        lost.setResult(exc);
                    }
                }, address).transport();
                if (org.jasyncio.internal.ffm.Native.isAvailable()) {
                    assertEquals(pid, ((PeerCredentials) t.getExtraInfo("peercred")).pid());
                }
                String peer = loop.runInExecutor(null, () -> field(py, "peer", 1)).await();
                assertEquals(ProcessHandle.current().pid(), Long.parseLong(peer), "python saw this JVM as its peer");
                t.write(ByteBuffer.wrap(data));
                t.writeEof();
                Throwable exc = lost.await();
                assertEquals(null, exc);
                return got.toByteArray();
            });
            assertArrayEquals(data, echoed);
            py.closeInput();
            assertEquals(0, py.waitFor(30), py.stderr());
        }
        f.assertNoErrors();
    }

    private void asyncioClient(String pyAddress, SocketAddress address) throws Exception {
        asyncioClient(pyAddress, () -> loop.createUnixServer(NetTesting.Echo::new, address, UnixServerOptions.DEFAULTS));
    }

    /** Runs the asyncio client against the server {@code serve} starts (in the test's task). */
    private void asyncioClient(String pyAddress, java.util.function.Supplier<Server> serve) throws Exception {
        run(f, () -> {
            Server srv = serve.get();
            try (PythonProcess py = PythonProcess.start("unix_interop.py", "client", pyAddress,
                    String.valueOf(SIZE))) {
                String line = loop.runInExecutor(null, py::readLine).await();
                String[] parts = line.split(" ");
                assertEquals("ok", parts[0], line + "; stderr: " + py.stderr());
                assertEquals(SIZE, Integer.parseInt(parts[1]));
                assertEquals(ProcessHandle.current().pid(), Long.parseLong(parts[2]));
                assertEquals(0, (int) loop.runInExecutor(null, () -> py.waitFor(30)).await(), py.stderr());
            }
            srv.close();
            return null;
        });
        f.assertNoErrors();
    }

    /** A jasyncio client streams to an asyncio Unix server on a path and gets it back. */
    @Test
    void jasyncioClientOnPath() throws Exception {
        Path path = dir.resolve("s.sock");
        jasyncioClient(path.toString(), UnixDomainSocketAddress.of(path));
    }

    /** An asyncio client ({@code open_unix_connection}) against a jasyncio Unix server on a path. */
    @Test
    void asyncioClientOnPath() throws Exception {
        Path path = dir.resolve("s.sock");
        asyncioClient(path.toString(), UnixDomainSocketAddress.of(path));
        assertTrue(Files.notExists(path), "the server removed its socket file");
    }

    /** jasyncio's stream client ({@code Streams.openUnixConnection}) against an asyncio Unix server, with a write-ahead reader. */
    @Test
    void streamsClientWithAsyncioServer() throws Exception {
        Path path = dir.resolve("s.sock");
        byte[] data = PythonInteropTest.payload(SIZE);
        try (PythonProcess py = PythonProcess.start("unix_interop.py", "server", path.toString())) {
            byte[] echoed = run(f, () -> {
                loop.runInExecutor(null, () -> field(py, "ready", 1)).await();
                StreamPair s = Streams.openUnixConnection(path, 16 * 1024);
                var reading = loop.createTask((org.jasyncio.task.Coroutine<byte[]>) () -> s.reader().read());
                s.writer().write(data);
                s.writer().drain();
                s.writer().writeEof();
                byte[] got = reading.await();
                s.writer().close();
                s.writer().waitClosed();
                return got;
            });
            assertArrayEquals(data, echoed);
            py.closeInput();
            assertEquals(0, py.waitFor(30), py.stderr());
        }
        f.assertNoErrors();
    }

    /** An asyncio client ({@code open_unix_connection}) against a jasyncio stream server ({@code Streams.startUnixServer}). */
    @Test
    void asyncioClientWithStreamsServer() throws Exception {
        Path path = dir.resolve("s.sock");
        asyncioClient(path.toString(), () -> Streams.startUnixServer((r, w) -> {
            byte[] chunk;
            while ((chunk = r.read(64 * 1024)).length > 0) {
                w.write(chunk);
                w.drain();
            }
            w.close();
            w.waitClosed();
        }, path));
        assertTrue(Files.notExists(path), "the server removed its socket file");
    }

    /** Both ways on an abstract name: asyncio's {@code "\0name"} is jasyncio's {@code AbstractUnixAddress}. */
    @Test
    void abstractNamesBothWays() throws Exception {
        Assumptions.assumeTrue(loop.supports(Capability.UNIX_ABSTRACT_NAMES));
        String name = "jasyncio-interop-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        jasyncioClient("@" + name, AbstractUnixAddress.of(name));
        asyncioClient("@" + name + "-2", AbstractUnixAddress.of(name + "-2"));
    }

    /** A jasyncio AF_UNIX datagram endpoint exchanges datagrams with an asyncio one ({@code family=AF_UNIX}). */
    @Test
    void datagramsWithAsyncio() throws Exception {
        Assumptions.assumeTrue(loop.supports(Capability.UNIX_DATAGRAM));
        Path server = dir.resolve("s.sock");
        try (PythonProcess py = PythonProcess.start("unix_interop.py", "dgram-server", server.toString())) {
            run(f, () -> {
                loop.runInExecutor(null, () -> field(py, "ready", 1)).await();
                org.jasyncio.transport.DatagramEndpoint<NetTesting.DatagramProbe> e = loop.createUnixDatagramEndpoint(
                        () -> new NetTesting.DatagramProbe(loop), UnixDomainSocketAddress.of(dir.resolve("c.sock")),
                        UnixDomainSocketAddress.of(server));
                for (int i = 0; i < 50; i++) {
                    e.transport().sendto(NetTesting.bytes("d" + i));
                }
                NetTesting.until(() -> e.protocol().datagrams.size() == 50);
                assertEquals("resp:d49", NetTesting.text(e.protocol().datagrams.get(49)));
                e.transport().close();
                return null;
            });
            py.closeInput();
            assertEquals(0, py.waitFor(30), py.stderr());
        }
        Files.deleteIfExists(dir.resolve("c.sock"));
        f.assertNoErrors();
    }
}
