package org.jasyncio.subprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;

/** What the subprocess tests share: child programs, a protocol that records, the descriptor and zombie checks. */
final class ProcessTesting {
    /** asyncio's test echo.py: copies stdin to stdout until end of file. */
    static final String ECHO = "import os\nwhile True:\n    b = os.read(0, 1024)\n    if not b: break\n    os.write(1, b)\n";
    /** asyncio's echo2.py: one read, written to stdout and stderr with prefixes. */
    static final String ECHO2 = "import os\nb = os.read(0, 1024)\nos.write(1, b'OUT:' + b)\nos.write(2, b'ERR:' + b)\n";
    /** asyncio's echo3.py: echoes; when stdout breaks, tells stderr which error it got. */
    static final String ECHO3 = "import os\nwhile True:\n    b = os.read(0, 1024)\n    if not b: break\n"
            + "    try:\n        os.write(1, b'OUT:' + b)\n    except OSError as e:\n"
            + "        os.write(2, b'ERR:' + e.__class__.__name__.encode('ascii'))\n";

    private ProcessTesting() {
    }

    /** A CPython interpreter that starts fast (Debian's, without site), or the one on PATH. */
    static List<String> python(String script) {
        Path debian = Path.of("/usr/bin/python3");
        if (Files.isExecutable(debian)) {
            return List.of(debian.toString(), "-S", "-c", script);
        }
        assumeTrue(System.getenv("PATH") != null, "no python3");
        return List.of("python3", "-c", script);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits (in a task) until {@code condition} holds, polling every millisecond. */
    static void until(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            AsyncIO.sleep(0.001);
        }
    }

    /** This process's open descriptors (Linux: /proc/self/fd). */
    static int openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    /** Children of this JVM that are zombies ({@code <defunct>}): state Z in /proc/PID/stat. */
    static List<Long> zombieChildren() {
        List<Long> zombies = new ArrayList<>();
        long me = ProcessHandle.current().pid();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (f[0].equals("Z") && Long.parseLong(f[1]) == me) {
                    zombies.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return zombies;
    }

    /** asyncio's test_events {@code MySubprocessProtocol}: records every callback. */
    static final class Recorder implements SubprocessProtocol {
        final EventLoop loop;
        final List<String> events = new ArrayList<>();
        final Future<Void> connected;
        final Future<Void> completed;
        final Future<Void>[] disconnects;
        final java.io.ByteArrayOutputStream[] data = {null, new java.io.ByteArrayOutputStream(),
                new java.io.ByteArrayOutputStream()};
        SubprocessTransport transport;
        Integer returncode;
        String state = "INITIAL";

        @SuppressWarnings("unchecked")
        Recorder(EventLoop loop) {
            this.loop = loop;
            connected = loop.createFuture();
            completed = loop.createFuture();
            disconnects = new Future[] {loop.createFuture(), loop.createFuture(), loop.createFuture()};
        }

        @Override
        public void connectionMade(SubprocessTransport t) {
            events.add("connectionMade");
            if (!"INITIAL".equals(state)) {
                throw new AssertionError("connectionMade in state " + state);
            }
            state = "CONNECTED";
            transport = t;
            connected.setResult(null);
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer d) {
            if (!"CONNECTED".equals(state)) {
                throw new AssertionError("data in state " + state);
            }
            if (events.isEmpty() || !events.getLast().equals("data" + fd)) {
                events.add("data" + fd);
            }
            byte[] b = new byte[d.remaining()];
            d.get(b);
            data[fd].writeBytes(b);
        }

        @Override
        public void pipeConnectionLost(int fd, Throwable exc) {
            events.add("pipeLost" + fd);
            if (exc != null) {
                disconnects[fd].setException(exc);
            } else {
                disconnects[fd].setResult(null);
            }
        }

        @Override
        public void processExited() {
            events.add("processExited");
            returncode = transport.getReturncode();
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("connectionLost");
            if (!"CONNECTED".equals(state)) {
                throw new AssertionError("connectionLost in state " + state);
            }
            state = "CLOSED";
            completed.setResult(null);
        }

        String out(int fd) {
            return data[fd].toString(StandardCharsets.UTF_8);
        }
    }
}
