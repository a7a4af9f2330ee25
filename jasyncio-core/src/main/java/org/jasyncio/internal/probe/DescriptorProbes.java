package org.jasyncio.internal.probe;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jasyncio.internal.fd.FdSource;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.Pty;
import org.jasyncio.internal.ffm.Select;
import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;

/**
 * The probes of {@code addReader}: a TCP socket, an OS pipe, a pseudo-terminal, an
 * eventfd, a regular file, and more descriptors than {@code select} can hold. Each
 * watches the source, makes it readable from outside the loop and waits for the callback.
 */
final class DescriptorProbes {
    private DescriptorProbes() {
    }

    static List<Probe> all() {
        return List.of(new SocketProbe(), new PipeProbe(), new PtyProbe(), new RegularFileProbe(),
                new RawDescriptorProbe(), new CeilingProbe());
    }

    /** A connected TCP pair on the loopback: watch the accepted end, write from the other. */
    static final class SocketProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.ADD_READER_SOCKET;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            ServerSocketChannel server = resources.add(ServerSocketChannel.open());
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = resources.add(SocketChannel.open(server.getLocalAddress()));
            SocketChannel accepted = resources.add(server.accept());
            Future<Void> fired = loop.createFuture();
            loop.addReader(accepted, ProbeResources.completes(fired));
            client.write(ByteBuffer.wrap(new byte[] {1}));
            double ms = resources.await(loop, fired, "the reader callback of a TCP socket");
            loop.removeReader(accepted);
            return Observation.worked(String.format("TCP socket readable after %.2f ms", ms));
        }
    }

    /** An OS pipe made with {@code pipe2}: watch the read end's descriptor, write to the other. */
    static final class PipeProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.ADD_READER_PIPE;
        }

        @Override
        public Set<Capability> prerequisites() {
            return Set.of(Capability.RAW_FILE_DESCRIPTORS);
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            int[] pipe = pipe(resources);
            return watchAndWrite(loop, resources, pipe[0], pipe[1], new byte[] {1}, "an OS pipe");
        }
    }

    /** A pseudo-terminal: watch the master, write a line to the slave (the line discipline echoes it out). */
    static final class PtyProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.ADD_READER_CHARACTER_DEVICE;
        }

        @Override
        public Set<Capability> prerequisites() {
            return Set.of(Capability.RAW_FILE_DESCRIPTORS);
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            requireNative("a pseudo-terminal");
            int master;
            int slave;
            String path;
            try {
                master = resources.fd(Pty.posixOpenpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC));
                Pty.grantpt(master);
                Pty.unlockpt(master);
                path = Pty.ptsname(master);
                slave = resources.fd(Libc.open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC));
            } catch (RuntimeException e) {
                throw new ProbeSetupException("cannot open a pseudo-terminal here: " + e.getMessage(), e);
            }
            Observation seen = watchAndWrite(loop, resources, master, slave, "x\n".getBytes(),
                    "a pty master (" + path + ")");
            return seen;
        }
    }

    /** An eventfd: the simplest raw descriptor; watch it, add 1 to its counter. */
    static final class RawDescriptorProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.RAW_FILE_DESCRIPTORS;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            requireNative("an eventfd");
            int fd = resources.fd(Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK));
            byte[] one = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putLong(1).array();
            return watchAndWrite(loop, resources, fd, fd, one, "an eventfd");
        }
    }

    /**
     * A regular file (a temporary one, deleted after): {@code addReader} must be refused
     * with the explanation the matrix gives, on every backend.
     */
    static final class RegularFileProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.ADD_READER_REGULAR_FILE;
        }

        @Override
        public Set<Capability> prerequisites() {
            return Set.of(Capability.RAW_FILE_DESCRIPTORS);
        }

        @Override
        public List<String> documentedPhrases() {
            return List.of(FdSource.ALWAYS_READY);
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            requireNative("a file descriptor of a regular file");
            Path file = Files.createTempFile("jasyncio-probe", ".txt");
            resources.add(() -> Files.deleteIfExists(file));
            int fd = resources.fd(Libc.open(file.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC));
            Future<Void> fired = loop.createFuture();
            loop.addReader(fd, ProbeResources.completes(fired));
            loop.removeReader(fd);
            return Observation.failed("addReader accepted a regular file (" + file + ")");
        }
    }

    /**
     * More descriptors than FD_SETSIZE: open JDK pipes until more than FD_SETSIZE
     * descriptors are in use, watch every read end (the last ones are numbered above
     * FD_SETSIZE), write to the last pipe and wait for its callback.
     */
    static final class CeilingProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.UNLIMITED_DESCRIPTORS;
        }

        @Override
        public List<String> documentedPhrases() {
            return List.of("FD_SETSIZE (" + Select.FD_SETSIZE + ")");
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            int count = Select.FD_SETSIZE / 2 + 8;
            List<Pipe> pipes = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    Pipe pipe = Pipe.open();
                    resources.add(pipe.source());
                    resources.add(pipe.sink());
                    pipes.add(pipe);
                }
            } catch (IOException e) {
                throw new ProbeSetupException("cannot open " + 2 * count + " descriptors here (the limit on open "
                        + "files is too low?): " + e.getMessage(), e);
            }
            Future<Void> fired = loop.createFuture();
            Runnable ignore = () -> { };
            for (int i = 0; i < count - 1; i++) {
                loop.addReader(pipes.get(i).source(), ignore);
            }
            Pipe last = pipes.getLast();
            loop.addReader(last.source(), ProbeResources.completes(fired));
            last.sink().write(ByteBuffer.wrap(new byte[] {1}));
            double ms = resources.await(loop, fired, "the reader callback of the last of " + count + " pipes");
            for (Pipe pipe : pipes) {
                loop.removeReader(pipe.source());
            }
            return Observation.worked(String.format("%d pipes (%d descriptors) watched; the last readable after "
                    + "%.2f ms", count, 2 * count, ms));
        }
    }

    // ------------------------------------------------------------------ shared

    private static void requireNative(String what) {
        Native.unavailabilityCause().ifPresent(cause -> {
            throw new ProbeSetupException("cannot make " + what + " without the libc bindings: " + cause);
        });
    }

    private static int[] pipe(ProbeResources resources) {
        requireNative("an OS pipe");
        int[] fds = Libc.pipe2(Libc.O_CLOEXEC | Libc.O_NONBLOCK);
        resources.fd(fds[0]);
        resources.fd(fds[1]);
        return fds;
    }

    /** Watches {@code watched}, writes {@code bytes} to {@code written}, waits for the callback. */
    private static Observation watchAndWrite(EventLoop loop, ProbeResources resources, int watched, int written,
            byte[] bytes, String what) {
        Future<Void> fired = loop.createFuture();
        loop.addReader(watched, ProbeResources.completes(fired));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            if (Libc.write(written, data, bytes.length) != bytes.length) {
                throw new ProbeSetupException("could not write " + bytes.length + " bytes to " + what);
            }
        }
        double ms = resources.await(loop, fired, "the reader callback of " + what);
        loop.removeReader(watched);
        return Observation.worked(String.format("%s readable after %.2f ms", what, ms));
    }
}
