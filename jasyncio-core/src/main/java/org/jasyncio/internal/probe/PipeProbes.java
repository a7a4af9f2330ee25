package org.jasyncio.internal.probe;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Coroutine;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.ReadPipe;
import org.jasyncio.transport.Transport;
import org.jasyncio.transport.WritePipe;

/**
 * The probes of {@code connectReadPipe} and {@code connectWritePipe}. On a backend that
 * watches raw descriptors the pipe is an OS pipe given by descriptor (what a subprocess's
 * stdio is); on nio it is a JDK {@link Pipe}. The transport owns the end it was given and
 * closes it; the probe closes the other end.
 */
final class PipeProbes {
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private PipeProbes() {
    }

    static List<Probe> all() {
        return List.of(new ReadPipeProbe(), new WritePipeProbe());
    }

    /** The two ends of a pipe: descriptors, or a JDK pipe whose ends are channels. */
    private record Ends(int readFd, int writeFd, Pipe jdk) {
        static Ends open(EventLoop loop, ProbeResources resources) throws IOException {
            if (loop.supports(Capability.RAW_FILE_DESCRIPTORS) && Native.isAvailable()) {
                int[] fds = Libc.pipe2(Libc.O_CLOEXEC);
                return new Ends(fds[0], fds[1], null);
            }
            Pipe pipe = Pipe.open();
            resources.add(pipe.source());
            resources.add(pipe.sink());
            return new Ends(-1, -1, pipe);
        }

        /**
         * Connects the end {@code fd} (or its JDK channel) through {@code connect}, in a task
         * of {@code loop}; the transport then owns it. A refusal consumes nothing, so the
         * descriptor is closed here.
         */
        <T> T handOver(EventLoop loop, int fd, Coroutine<T> connect) {
            try {
                return loop.runUntilComplete(connect);
            } catch (RuntimeException refused) {
                if (jdk == null) {
                    Libc.close(fd);
                }
                throw refused;
            }
        }

        /** Closes the end the probe keeps ({@code fd}) when the probe ends. */
        void keep(ProbeResources resources, int fd) {
            if (jdk == null) {
                resources.fd(fd);
            }
        }

        String kind() {
            return jdk == null ? "an OS pipe (descriptor)" : "a JDK Pipe";
        }
    }

    /** Reads through a read-pipe transport what was written to the pipe from outside the loop. */
    static final class ReadPipeProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.READ_PIPE;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            Ends ends = Ends.open(loop, resources);
            ends.keep(resources, ends.writeFd);
            Future<String> received = loop.createFuture();
            Protocol protocol = new Protocol() {
                @Override
                public void dataReceived(ByteBuffer data) {
                    if (!received.done()) {
                        received.setResult(StandardCharsets.US_ASCII.decode(data).toString());
                    }
                }
            };
            ReadPipe<Protocol> pipe = ends.handOver(loop, ends.readFd, () -> ends.jdk == null
                    ? loop.connectReadPipe(() -> protocol, ends.readFd)
                    : loop.connectReadPipe(() -> protocol, ends.jdk.source()));
            resources.add(() -> pipe.transport().close());
            write(ends);
            double ms = resources.await(loop, received, "data on the read pipe");
            if (!received.result().equals("ping")) {
                return Observation.failed("the read pipe delivered '" + received.result() + "', not 'ping'");
            }
            return Observation.worked(String.format("read 4 bytes from %s after %.2f ms", ends.kind(), ms));
        }

        private static void write(Ends ends) throws IOException {
            if (ends.jdk != null) {
                ends.jdk.sink().write(ByteBuffer.wrap(PING));
                return;
            }
            try (var arena = Arena.ofConfined()) {
                var data = arena.allocateFrom(ValueLayout.JAVA_BYTE, PING);
                Libc.write(ends.writeFd, data, PING.length);
            }
        }
    }

    /** Writes through a write-pipe transport, closes it (which flushes), and reads the bytes from the pipe. */
    static final class WritePipeProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.WRITE_PIPE;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) throws IOException {
            Ends ends = Ends.open(loop, resources);
            ends.keep(resources, ends.readFd);
            Future<Void> lost = loop.createFuture();
            BaseProtocol<Transport> protocol = new BaseProtocol<>() {
                @Override
                public void connectionLost(Throwable exc) {
                    if (!lost.done()) {
                        lost.setResult(null);
                    }
                }
            };
            WritePipe<BaseProtocol<Transport>> pipe = ends.handOver(loop, ends.writeFd, () -> ends.jdk == null
                    ? loop.connectWritePipe(() -> protocol, ends.writeFd)
                    : loop.connectWritePipe(() -> protocol, ends.jdk.sink()));
            resources.add(() -> pipe.transport().abort());
            pipe.transport().write(PING);
            pipe.transport().close();
            double ms = resources.await(loop, lost, "the write pipe's flush and close");
            byte[] got = read(ends);
            if (!new String(got, StandardCharsets.US_ASCII).equals("ping")) {
                return Observation.failed("the pipe held '" + new String(got, StandardCharsets.US_ASCII)
                        + "' after the write pipe closed, not 'ping'");
            }
            return Observation.worked(String.format("wrote 4 bytes to %s, flushed and closed after %.2f ms",
                    ends.kind(), ms));
        }

        private static byte[] read(Ends ends) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(16);
            if (ends.jdk != null) {
                ends.jdk.source().configureBlocking(true);
                while (buf.position() < PING.length && ends.jdk.source().read(buf) > 0) {
                    // the whole write is in the pipe once the transport closed
                }
            } else {
                try (var arena = Arena.ofConfined()) {
                    var data = arena.allocate(16);
                    long n = Libc.read(ends.readFd, data, 16);
                    buf.put(data.asSlice(0, Math.max(0, n)).toArray(ValueLayout.JAVA_BYTE));
                }
            }
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
