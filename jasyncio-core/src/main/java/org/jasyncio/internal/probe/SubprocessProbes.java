package org.jasyncio.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jasyncio.internal.probe.Probe.Observation;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.platform.Outcome;
import org.jasyncio.subprocess.ChildWatcher;
import org.jasyncio.subprocess.SubprocessConnection;
import org.jasyncio.subprocess.SubprocessProtocol;
import org.jasyncio.subprocess.SubprocessTransport;
import org.jasyncio.task.Future;
import org.jasyncio.transport.WriteTransport;

/**
 * The probes of the subprocess feature. Both start {@code cat} with pipes, write a line
 * to its stdin, read it back from its stdout, close stdin and see it exit with 0 and the
 * transport lose its connection. While {@code cat} runs the probe looks at how it is
 * watched: the pidfd watcher holds a pidfd in this process and runs no helper thread; the
 * threaded one runs helper threads ({@code jasyncio-subprocess-...}).
 */
final class SubprocessProbes {
    private static final String LINE = "jasyncio-probe";
    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private SubprocessProbes() {
    }

    static List<Probe> all() {
        return List.of(new ExecProbe(), new PidfdWatcherProbe());
    }

    /**
     * What one run of {@code cat} showed.
     *
     * @param pidfds        pidfds open in this process while cat ran, beyond those open before
     *                      (-1 where {@code /proc/self/fd} cannot be read)
     * @param helperThreads the threaded watcher's helper threads alive while cat ran
     */
    private record Run(String echoed, Integer returncode, int pid, ChildWatcher watcher, double millis, int pidfds,
            List<String> helperThreads) {
        boolean worked() {
            return LINE.equals(echoed) && returncode != null && returncode == 0;
        }

        String what() {
            return "cat (pid " + pid + ") echoed '" + echoed + "' and ended with return code " + returncode;
        }
    }

    /**
     * A program that copies its stdin to its stdout: {@code cat} where it usually is; on
     * Windows {@code findstr "^"} (every line matches), started directly, not through
     * {@code cmd.exe}, whose escape character {@code ^} is. (Not tried on Windows here.)
     */
    private static List<String> cat() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return List.of("findstr.exe", "^");
        }
        for (String candidate : List.of("/bin/cat", "/usr/bin/cat")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return List.of(candidate);
            }
        }
        throw new ProbeSetupException("no /bin/cat or /usr/bin/cat to start here");
    }

    /** Keeps stdout; completes {@code echoed} at the first full line and {@code lost} at connectionLost. */
    private static final class Collect implements SubprocessProtocol {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Future<String> echoed;
        private final Future<Void> lost;

        Collect(Future<String> echoed, Future<Void> lost) {
            this.echoed = echoed;
            this.lost = lost;
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer data) {
            if (fd != 1) {
                return;
            }
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.writeBytes(bytes);
            String text = out.toString(StandardCharsets.UTF_8);
            if (text.indexOf('\n') >= 0 && !echoed.done()) {
                echoed.setResult(text.strip());
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (lost.done()) {
                return;
            }
            if (exc != null) {
                lost.setException(exc);
            } else {
                lost.setResult(null);
            }
        }
    }

    /** Runs cat through one line and to its exit; looks at the watching while it runs. */
    private static Run runCat(EventLoop loop, ProbeResources resources) {
        List<String> args = cat();
        int pidfdsBefore = pidfds();
        long start = System.nanoTime();
        return resources.run(loop, () -> {
            Future<String> echoed = loop.createFuture();
            Future<Void> lost = loop.createFuture();
            SubprocessConnection<Collect> child = loop.subprocessExec(() -> new Collect(echoed, lost), args);
            SubprocessTransport transport = child.transport();
            resources.add(transport::close);
            WriteTransport stdin = (WriteTransport) transport.getPipeTransport(0);
            stdin.write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            String line = echoed.await();
            int pidfds = pidfdsBefore < 0 ? -1 : pidfds() - pidfdsBefore;
            List<String> helpers = helperThreads();
            stdin.close();
            lost.await();
            double ms = (System.nanoTime() - start) / 1e6;
            return new Run(line, transport.getReturncode(), transport.getPid(), loop.childWatcher(), ms, pidfds,
                    helpers);
        }, "cat's echo and exit");
    }

    /** How many pidfds this process holds, or -1 where its descriptors cannot be listed. */
    private static int pidfds() {
        if (!Files.isDirectory(OWN_FDS)) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(OWN_FDS)) {
            return (int) fds.filter(SubprocessProbes::isPidfd).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isPidfd(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().equals("anon_inode:[pidfd]");
        } catch (IOException | RuntimeException closedMeanwhile) {
            return false;
        }
    }

    /** The threaded watcher's helper threads alive now (named {@code jasyncio-subprocess-N-stdin/stdout/stderr}). */
    private static List<String> helperThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("jasyncio-subprocess-")).sorted().toList();
    }

    /** {@code subprocessExec} of cat with pipes: a line there and back, its exit seen, return code 0. */
    static final class ExecProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.SUBPROCESSES;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            Run run = runCat(loop, resources);
            if (!run.worked()) {
                return Observation.failed(run.what());
            }
            return Observation.worked(String.format("cat (pid %d) echoed a line through its pipes and exited with 0 "
                    + "after %.2f ms; child watcher %s", run.pid(), run.millis(), run.watcher()));
        }
    }

    /**
     * Which child watcher the loop uses, seen from what it does: where the matrix says
     * pidfds, the loop must use {@link ChildWatcher#PIDFD}, hold a pidfd for the running
     * child and run no helper thread; elsewhere it uses {@link ChildWatcher#THREADED} (the
     * refusal of the pidfd watcher, with the matrix's explanation) and cat still runs.
     */
    static final class PidfdWatcherProbe implements Probe {
        @Override
        public Capability capability() {
            return Capability.PIDFD_CHILD_WATCHER;
        }

        @Override
        public Observation run(EventLoop loop, ProbeResources resources) {
            Run run = runCat(loop, resources);
            if (!run.worked()) {
                return Observation.failed("under the " + run.watcher() + " child watcher " + run.what());
            }
            if (run.watcher() == ChildWatcher.PIDFD) {
                if (!run.helperThreads().isEmpty()) {
                    return Observation.failed("the pidfd child watcher ran helper threads: " + run.helperThreads());
                }
                if (run.pidfds() == 0) {
                    return Observation.failed("the pidfd child watcher held no pidfd while cat ran");
                }
                return Observation.worked(String.format("child watcher PIDFD: cat (pid %d) watched through %s, no "
                        + "helper thread, reaped after %.2f ms", run.pid(), run.pidfds() > 0 ? "a pidfd"
                                : "a pidfd (not listed: no /proc/self/fd)", run.millis()));
            }
            String why = loop.whyNot(Capability.PIDFD_CHILD_WATCHER).orElse("(yet the loop claims pidfds)");
            return new Observation(Outcome.REFUSED, String.format("child watcher %s: cat (pid %d) watched by helper "
                    + "threads %s, reaped after %.2f ms. %s", run.watcher(), run.pid(), run.helperThreads(),
                    run.millis(), why));
        }
    }
}
