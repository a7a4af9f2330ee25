package org.jasyncio.internal.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.subprocess.ChildWatcher;
import org.jasyncio.subprocess.SubprocessConnection;
import org.jasyncio.subprocess.SubprocessOptions;
import org.jasyncio.subprocess.SubprocessProtocol;
import org.jasyncio.task.Future;

/**
 * The probes of the subprocess capabilities: a child ({@code echo ping} through the
 * shell) started, read and reaped by the loop; and, for the pidfd child watcher, the same
 * with no helper thread started for it.
 */
final class SubprocessProbes {
    /** The name prefix of the threaded strategy's pipe pumps. */
    private static final String PUMP_THREAD_PREFIX = "jasyncio-subprocess-";

    private SubprocessProbes() {
    }

    static List<Probe> all() {
        return List.of(new SubprocessProbe(), new PidfdWatcherProbe());
    }

    /** Records stdout and completes when the transport is done (child reaped, pipes closed). */
    private static final class Collect implements SubprocessProtocol {
        final Future<Void> done;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Collect(EventLoop loop) {
            done = loop.createFuture();
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer data) {
            if (fd == 1) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                out.writeBytes(b);
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (!done.done()) {
                done.setResult(null);
            }
        }
    }

    /**
     * Runs {@code echo ping} and checks its output, its return code and that the transport
     * ended; returns the detail, or throws {@link IllegalStateException} with what went wrong.
     */
    private static String echo(EventLoop loop, ProbeResources resources) {
        SubprocessConnection<Collect> c = loop.runUntilComplete(() -> loop.subprocessShell(() -> new Collect(loop),
                "echo ping", SubprocessOptions.PIPES));
        resources.add(() -> c.transport().close());
        double ms = resources.await(loop, c.protocol().done, "the child's exit and the end of its pipes");
        String out = c.protocol().out.toString(StandardCharsets.US_ASCII).strip();
        Integer code = c.transport().getReturncode();
        if (!"ping".equals(out) || code == null || code != 0) {
            throw new IllegalStateException("the child wrote '" + out + "' and exited with " + code
                    + ", not 'ping' and 0");
        }
        return String.format("ran 'echo ping' (%s child watcher): output and return code 0 after %.2f ms",
                loop.childWatcher().name().toLowerCase(java.util.Locale.ROOT), ms);
    }

    /** {@code subprocessShell}: a child started, its stdout read, its exit seen. */
    static final class SubprocessProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.SUBPROCESSES;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            try {
                return Observation.worked(echo(loop, resources));
            } catch (IllegalStateException wrong) {
                return Observation.failed(wrong.getMessage());
            }
        }
    }

    /**
     * The pidfd child watcher: the loop reports it as its strategy, and a child with a
     * stdout pipe runs to its end with no pump thread started (the loop itself watches the
     * pipe and the pidfd). A loop with another strategy refuses, with the loop's reason.
     */
    static final class PidfdWatcherProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.PIDFD_CHILD_WATCHER;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            if (loop.childWatcher() != ChildWatcher.PIDFD) {
                throw new UnsupportedOperationException(loop.whyNot(Capability.PIDFD_CHILD_WATCHER)
                        .orElse(loop + " uses the " + loop.childWatcher() + " child watcher"));
            }
            long pumpsBefore = pumpThreads();
            String detail;
            try {
                detail = echo(loop, resources);
            } catch (IllegalStateException wrong) {
                return Observation.failed(wrong.getMessage());
            }
            long pumps = pumpThreads() - pumpsBefore;
            if (pumps > 0) {
                return Observation.failed("the pidfd child watcher started " + pumps + " pump thread(s)");
            }
            return Observation.worked(detail + ", no helper thread");
        }

        private static long pumpThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(PUMP_THREAD_PREFIX)).count();
        }
    }
}
