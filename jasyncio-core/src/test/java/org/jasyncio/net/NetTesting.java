package org.jasyncio.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.TimerHandle;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.testing.LoopFixture;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * Helpers for the network tests: running a coroutine with a watchdog, blocking peer
 * servers on platform threads (CPython's {@code test_utils.run_test_server} and
 * {@code run_udp_echo_server}), and a recording protocol ({@code MyProto} of
 * {@code test_events.py}).
 */
final class NetTesting {
    static final Duration WATCHDOG = Duration.ofSeconds(60);

    private NetTesting() {
    }

    /** Runs {@code body} as a task of {@code f.loop}; cancels it after {@link #WATCHDOG}. */
    static <T> T run(LoopFixture f, Coroutine<T> body) {
        return run(f.loop, body);
    }

    static <T> T run(EventLoop loop, Coroutine<T> body) {
        Task<T> task = loop.createTask(body);
        TimerHandle guard = loop.callLater(WATCHDOG, () -> task.cancel("test watchdog: still running after " + WATCHDOG));
        try {
            return loop.runUntilComplete(task);
        } finally {
            guard.cancel();
        }
    }

    static void runVoid(LoopFixture f, Coroutine.AsyncRunnable body) {
        run(f, Coroutine.of(body));
    }

    /** A TCP port nothing listens on (bound, then released). */
    static InetSocketAddress unusedAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        }
    }

    static void joinQuietly(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A blocking TCP server on a platform thread; each connection is handled on its own thread. */
    static final class ThreadedServer implements AutoCloseable {
        final ServerSocket socket;
        private final Thread acceptor;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        ThreadedServer(Consumer<Socket> handler) throws IOException {
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofPlatform().daemon().name("test-tcp-server").start(() -> {
                while (!socket.isClosed()) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException e) {
                        return;
                    }
                    accepted.add(s);
                    Thread.ofPlatform().daemon().name("test-tcp-conn").start(() -> {
                        try (s) {
                            handler.accept(s);
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    });
                }
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
            joinQuietly(acceptor);
        }
    }

    /**
     * CPython's test HTTP server: answers {@code GET} with a small page, and
     * {@code POST /loop} by echoing the body back.
     */
    static ThreadedServer httpServer() throws IOException {
        return new ThreadedServer(s -> {
            try {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                String head = readHead(in);
                if (head.startsWith("POST /loop")) {
                    int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                    out.write(bytes("HTTP/1.0 200 OK\r\nContent-Length: " + length + "\r\n\r\n"));
                    byte[] buf = new byte[65536];
                    int left = length;
                    while (left > 0) {
                        int n = in.read(buf, 0, Math.min(buf.length, left));
                        if (n < 0) {
                            break;
                        }
                        out.write(buf, 0, n);
                        left -= n;
                    }
                } else {
                    out.write(bytes("HTTP/1.0 200 OK\r\nContent-type: text/plain\r\n\r\nTest message"));
                }
                out.flush();
                s.shutdownOutput();
                while (in.read() >= 0) {
                    // drain until the client closes
                }
            } catch (SocketException closed) {
                // the client went away
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] b = head.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** CPython's {@code run_udp_echo_server}: echoes every datagram to its sender. */
    static final class UdpEchoServer implements AutoCloseable {
        final DatagramSocket socket;
        private final Thread thread;

        UdpEchoServer() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = Thread.ofPlatform().daemon().name("test-udp-echo").start(() -> {
                byte[] buf = new byte[65536];
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                        socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            socket.close();
            joinQuietly(thread);
        }
    }

    /**
     * {@code MyProto} of CPython's {@code test_events.py}: checks the callback order
     * (INITIAL, CONNECTED, EOF, CLOSED), sends an HTTP request on connect, counts and keeps
     * the bytes received, and completes {@code connected} and {@code done}.
     */
    static class RecordingProtocol implements Protocol {
        final EventLoop loop;
        final Future<Void> connected;
        final Future<Void> done;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        final byte[] greeting;
        Transport transport;
        String state = "INITIAL";
        int nbytes;
        Throwable lostWith;

        RecordingProtocol(EventLoop loop) {
            this(loop, bytes("GET / HTTP/1.0\r\nHost: example.com\r\n\r\n"));
        }

        RecordingProtocol(EventLoop loop, byte[] greeting) {
            this.loop = loop;
            this.greeting = greeting;
            this.connected = loop.createFuture();
            this.done = loop.createFuture();
        }

        private void expect(String... states) {
            for (String s : states) {
                if (s.equals(state)) {
                    return;
                }
            }
            throw new AssertionError("state " + state + " not in " + List.of(states));
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            expect("INITIAL");
            state = "CONNECTED";
            events.add("made");
            if (greeting != null) {
                t.write(greeting);
            }
            connected.setResult(null);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            expect("CONNECTED");
            nbytes += data.remaining();
            received.writeBytes(copy(data));
        }

        @Override
        public boolean eofReceived() {
            expect("CONNECTED");
            state = "EOF";
            events.add("eof");
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            expect("CONNECTED", "EOF");
            state = "CLOSED";
            lostWith = exc;
            events.add("lost");
            if (!done.done()) {
                done.setResult(null);
            }
        }
    }

    /** Two connected TCP sockets over loopback, both blocking (CPython's {@code socket.socketpair()}). */
    record Pair(java.nio.channels.SocketChannel a, java.nio.channels.SocketChannel b) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }

    static Pair tcpPair() throws IOException {
        try (java.nio.channels.ServerSocketChannel l = java.nio.channels.ServerSocketChannel.open()) {
            l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            java.nio.channels.SocketChannel a = java.nio.channels.SocketChannel.open(l.getLocalAddress());
            java.nio.channels.SocketChannel b = l.accept();
            return new Pair(a, b);
        }
    }

    /**
     * A stream protocol that records what happens to it (the mock protocol of CPython's
     * {@code test_selector_events.py}, made of real callbacks): events in order, bytes
     * received, the exception {@code connectionLost} got, and futures to wait on.
     */
    static class Probe implements Protocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Future<Void> made;
        final Future<Throwable> lost;
        Transport transport;
        boolean keepOpenOnEof;
        int pauses;
        int resumes;

        Probe(EventLoop loop) {
            made = loop.createFuture();
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
            made.setResult(null);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            events.add("data");
            received.writeBytes(copy(data));
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return keepOpenOnEof;
        }

        @Override
        public void pauseWriting() {
            pauses++;
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            resumes++;
            events.add("resume");
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            lost.setResult(exc);
        }

        String text() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** A stream protocol that writes back whatever it receives. */
    static class Echo implements Protocol {
        Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }
    }

    /** Reads from a blocking channel until {@code n} bytes arrived or end of stream. */
    static byte[] readExactly(java.nio.channels.SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && ch.read(b) >= 0) {
            // keep reading
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** Reads from a blocking channel until end of stream. */
    static byte[] readAll(java.nio.channels.SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(65536);
        while (ch.read(b.clear()) >= 0) {
            out.write(b.array(), 0, b.position());
        }
        return out.toByteArray();
    }

    /**
     * {@code MyDatagramProto} of CPython's {@code test_events.py}: checks the callback
     * order (INITIAL, INITIALIZED, CLOSED), counts bytes, keeps the datagrams and senders,
     * and optionally answers each datagram with {@code "resp:" + data}.
     */
    static class DatagramProbe implements org.jasyncio.transport.DatagramProtocol {
        final Future<Void> done;
        final List<byte[]> datagrams = new ArrayList<>();
        final List<java.net.SocketAddress> senders = new ArrayList<>();
        final List<Exception> errors = new ArrayList<>();
        final boolean echo;
        org.jasyncio.transport.DatagramTransport transport;
        String state = "INITIAL";
        int nbytes;

        DatagramProbe(EventLoop loop) {
            this(loop, false);
        }

        DatagramProbe(EventLoop loop, boolean echo) {
            this.done = loop.createFuture();
            this.echo = echo;
        }

        @Override
        public void connectionMade(org.jasyncio.transport.DatagramTransport t) {
            if (!state.equals("INITIAL")) {
                throw new AssertionError(state);
            }
            transport = t;
            state = "INITIALIZED";
        }

        @Override
        public void datagramReceived(ByteBuffer data, java.net.SocketAddress address) {
            if (!state.equals("INITIALIZED")) {
                throw new AssertionError(state);
            }
            byte[] b = copy(data);
            nbytes += b.length;
            datagrams.add(b);
            senders.add(address);
            if (echo) {
                byte[] reply = new byte[5 + b.length];
                System.arraycopy(bytes("resp:"), 0, reply, 0, 5);
                System.arraycopy(b, 0, reply, 5, b.length);
                transport.sendto(reply, address);
            }
        }

        @Override
        public void errorReceived(Exception exc) {
            errors.add(exc);
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (!state.equals("INITIALIZED")) {
                throw new AssertionError(state);
            }
            state = "CLOSED";
            done.setResult(null);
        }
    }

    /** Sleeps in small steps until {@code condition} holds (CPython's {@code test_utils.run_until}). */
    static void until(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            org.jasyncio.AsyncIO.sleep(0.001);
        }
    }

    /**
     * This process's soft limit on open descriptors, from {@code /proc/self/limits}
     * (Linux), or -1 where that file does not exist.
     */
    static long openFileLimit() throws IOException {
        java.nio.file.Path limits = java.nio.file.Path.of("/proc/self/limits");
        if (!java.nio.file.Files.isReadable(limits)) {
            return -1;
        }
        for (String line : java.nio.file.Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }

    /** Descriptors this process has open now, from {@code /proc/self/fd} (Linux), or -1. */
    static long openFiles() throws IOException {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fds)) {
            return -1;
        }
        try (var list = java.nio.file.Files.list(fds)) {
            return list.count();
        }
    }
}
