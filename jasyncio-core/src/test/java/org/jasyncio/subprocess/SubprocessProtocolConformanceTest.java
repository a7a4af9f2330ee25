package org.jasyncio.subprocess;

import static org.jasyncio.subprocess.ProcessTesting.ECHO;
import static org.jasyncio.subprocess.ProcessTesting.ECHO2;
import static org.jasyncio.subprocess.ProcessTesting.ECHO3;
import static org.jasyncio.subprocess.ProcessTesting.bytes;
import static org.jasyncio.subprocess.ProcessTesting.python;
import static org.jasyncio.subprocess.ProcessTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.Capability;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.transport.WriteTransport;
import org.jasyncio.testing.OnEveryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The low-level subprocess API ({@code subprocessExec}/{@code subprocessShell} with a
 * {@link SubprocessProtocol}) on every readiness backend: the pidfd strategy on epoll,
 * poll and select, the threaded one on nio. Ported from CPython's
 * {@code Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin} (echo.py, echo2.py and
 * echo3.py are inlined as python -c scripts) and the protocol-level tests of
 * {@code Lib/test/test_asyncio/test_subprocess.py}.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class SubprocessProtocolConformanceTest extends OnEveryBackend {
    /** Nothing unexpected reached the loop's exception handler. */
    @AfterEach
    void noErrors() {
        f.assertNoErrors();
    }

    private ProcessTesting.Recorder exec(List<String> args, SubprocessOptions options) {
        SubprocessConnection<ProcessTesting.Recorder> c = loop.subprocessExec(
                () -> new ProcessTesting.Recorder(loop), args, options);
        assertInstanceOf(ProcessTesting.Recorder.class, c.protocol());
        c.protocol().connected.await();
        assertEquals("CONNECTED", c.protocol().state);
        return c.protocol();
    }

    private ProcessTesting.Recorder exec(List<String> args) {
        return exec(args, SubprocessOptions.PIPES);
    }

    private static WriteTransport stdin(ProcessTesting.Recorder p) {
        return (WriteTransport) p.transport.getPipeTransport(0);
    }

    @Test
    void strategyIsVisible() {
        ChildWatcher expected = loop.supports(Capability.RAW_FILE_DESCRIPTORS)
                && !"threaded".equals(System.getProperty("jasyncio.childWatcher")) ? ChildWatcher.PIDFD
                : ChildWatcher.THREADED;
        assertEquals(expected, loop.childWatcher());
        assertTrue(loop.supports(Capability.SUBPROCESSES));
        assertEquals(expected == ChildWatcher.PIDFD, loop.supports(Capability.PIDFD_CHILD_WATCHER),
                loop.whyNot(Capability.PIDFD_CHILD_WATCHER).orElse(""));
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_exec */
    @Test
    void exec() {
        runVoid(() -> {
            var p = exec(python(ECHO));
            stdin(p).write(bytes("Python The Winner"));
            until(() -> p.out(1).length() >= 17);
            p.transport.close();
            p.completed.await();
            assertEquals(-9, p.returncode);
            assertEquals("Python The Winner", p.out(1));
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_interactive */
    @Test
    void interactive() {
        runVoid(() -> {
            var p = exec(python(ECHO));
            stdin(p).write(bytes("Python "));
            until(() -> p.out(1).length() >= 7);
            assertEquals("Python ", p.out(1));
            stdin(p).write(bytes("The Winner"));
            until(() -> p.out(1).length() >= 17);
            assertEquals("Python The Winner", p.out(1));
            p.transport.close();
            p.completed.await();
            assertEquals(-9, p.returncode);
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_shell */
    @Test
    void shell() {
        runVoid(() -> {
            var c = loop.subprocessShell(() -> new ProcessTesting.Recorder(loop), "echo Python");
            var p = c.protocol();
            p.connected.await();
            c.transport().getPipeTransport(0).close();
            p.completed.await();
            assertEquals(0, p.returncode);
            for (var d : p.disconnects) {
                assertTrue(d.done());
            }
            assertEquals("Python", p.out(1).strip());
            assertEquals("", p.out(2));
            c.transport().close();
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_exitcode */
    @Test
    void exitcode() {
        runVoid(() -> {
            var c = loop.subprocessShell(() -> new ProcessTesting.Recorder(loop), "exit 7",
                    SubprocessOptions.INHERITED);
            c.protocol().completed.await();
            assertEquals(7, c.protocol().returncode);
            c.transport().close();
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_close_after_finish */
    @Test
    void closeAfterFinish() {
        runVoid(() -> {
            var c = loop.subprocessShell(() -> new ProcessTesting.Recorder(loop), "exit 7",
                    SubprocessOptions.INHERITED);
            assertNull(c.transport().getPipeTransport(0));
            assertNull(c.transport().getPipeTransport(1));
            assertNull(c.transport().getPipeTransport(2));
            c.protocol().completed.await();
            assertEquals(7, c.protocol().returncode);
            c.transport().close();
            assertEquals(7, c.transport().getReturncode());
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_kill */
    @Test
    void kill() {
        runVoid(() -> {
            var p = exec(python(ECHO));
            p.transport.kill();
            p.completed.await();
            assertEquals(-9, p.returncode);
            p.transport.close();
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_terminate */
    @Test
    void terminate() {
        runVoid(() -> {
            var p = exec(python(ECHO));
            p.transport.terminate();
            p.completed.await();
            assertEquals(-15, p.returncode);
            p.transport.close();
        });
    }

    /**
     * Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_send_signal
     * (SIGHUP at its default in the child even if this JVM ignores it: bpo-31034).
     */
    @Test
    void sendSignal() {
        runVoid(() -> {
            var p = exec(python(ECHO));
            p.transport.sendSignal(1);
            p.completed.await();
            assertEquals(-1, p.returncode);
            p.transport.close();
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_stderr */
    @Test
    void stderr() {
        runVoid(() -> {
            var p = exec(python(ECHO2));
            stdin(p).write(bytes("test"));
            p.completed.await();
            p.transport.close();
            assertEquals("OUT:test", p.out(1));
            assertTrue(p.out(2).startsWith("ERR:test"), p.out(2));
            assertEquals(0, p.returncode);
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_stderr_redirect_to_stdout */
    @Test
    void stderrRedirectToStdout() {
        runVoid(() -> {
            var p = exec(python(ECHO2), SubprocessOptions.PIPES.withStderr(Stdio.STDOUT));
            assertNotNull(p.transport.getPipeTransport(1));
            assertNull(p.transport.getPipeTransport(2));
            stdin(p).write(bytes("test"));
            p.completed.await();
            assertTrue(p.out(1).startsWith("OUT:testERR:test"), p.out(1));
            assertEquals("", p.out(2));
            p.transport.close();
            assertEquals(0, p.returncode);
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_close_client_stream */
    @Test
    void closeClientStream() {
        runVoid(() -> {
            var p = exec(python(ECHO3));
            var out = p.transport.getPipeTransport(1);
            stdin(p).write(bytes("test"));
            until(() -> p.out(1).length() >= 8);
            assertEquals("OUT:test", p.out(1));
            out.close();
            p.disconnects[1].await();
            stdin(p).write(bytes("xxx"));
            if (loop.childWatcher() == ChildWatcher.THREADED) {
                // The pump thread's blocked read holds the pipe open until this write
                // lands (ThreadedReadPipe.close): the next one breaks.
                AsyncIO.sleep(0.05);
                stdin(p).write(bytes("yyy"));
            }
            until(() -> !p.out(2).isEmpty());
            assertEquals("ERR:BrokenPipeError", p.out(2));
            p.transport.close();
            p.completed.await();
            assertEquals(-9, p.returncode);
        });
    }

    /** Lib/test/test_asyncio/test_events.py::SubprocessTestsMixin::test_subprocess_exec_invalid_args (Java's equivalents) */
    @Test
    void invalidArgs() {
        runVoid(() -> {
            assertThrows(IllegalArgumentException.class,
                    () -> loop.subprocessExec(() -> new ProcessTesting.Recorder(loop), List.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> SubprocessOptions.PIPES.withStdin(Stdio.STDOUT));
            assertThrows(NullPointerException.class,
                    () -> loop.subprocessShell(() -> new ProcessTesting.Recorder(loop), null));
        });
        assertThrows(IllegalStateException.class,
                () -> loop.subprocessExec(() -> new ProcessTesting.Recorder(loop), List.of("true")),
                "outside a task");
    }

    /**
     * Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_subprocess_protocol_events:
     * connectionMade, data, the pipes' losses, processExited, connectionLost last.
     */
    @Test
    void protocolEvents() {
        runVoid(() -> {
            var p = exec(List.of("/bin/sh", "-c", "printf out; printf err >&2"));
            stdin(p).close();
            p.completed.await();
            assertEquals("connectionMade", p.events.getFirst());
            assertEquals("connectionLost", p.events.getLast());
            assertTrue(p.events.containsAll(List.of("data1", "data2", "pipeLost0", "pipeLost1", "pipeLost2",
                    "processExited")), p.events.toString());
            assertTrue(p.events.indexOf("data1") < p.events.indexOf("pipeLost1"), p.events.toString());
            assertEquals("out", p.out(1));
            assertEquals("err", p.out(2));
            assertEquals(0, p.returncode);
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_popen_error: nothing left behind. */
    @Test
    void spawnError() throws Exception {
        int before = ProcessTesting.openDescriptors();
        runVoid(() -> {
            SpawnException e = assertThrows(SpawnException.class,
                    () -> loop.subprocessExec(() -> new ProcessTesting.Recorder(loop),
                            List.of("/nonexistent/jasyncio-no-such-program")));
            assertEquals("/nonexistent/jasyncio-no-such-program", e.program());
            SpawnException onPath = assertThrows(SpawnException.class,
                    () -> loop.subprocessExec(() -> new ProcessTesting.Recorder(loop),
                            List.of("jasyncio-no-such-program-on-path")));
            assertTrue(onPath.getMessage().contains("jasyncio-no-such-program-on-path"), onPath.getMessage());
        });
        assertEquals(before, ProcessTesting.openDescriptors());
        assertTrue(ProcessTesting.zombieChildren().isEmpty());
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_close_kill_running */
    @Test
    void closeKillsRunning() {
        runVoid(() -> {
            var p = exec(List.of("/bin/sleep", "30"), SubprocessOptions.INHERITED);
            int pid = p.transport.getPid();
            p.transport.close();
            p.completed.await();
            assertEquals(-9, p.returncode);
            assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
            assertThrows(ProcessLookupException.class, () -> p.transport.sendSignal(15));
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_close_dont_kill_finished */
    @Test
    void closeDoesNotKillFinished() {
        runVoid(() -> {
            var p = exec(List.of("/bin/sh", "-c", "exit 3"), SubprocessOptions.INHERITED);
            p.completed.await();
            p.transport.close();
            assertEquals(3, p.returncode);
            assertEquals(3, p.transport.getReturncode());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_cancel_make_subprocess_transport_exec */
    @Test
    void cancelWhileStarting() {
        runVoid(() -> {
            var task = loop.createTask(() -> loop.subprocessExec(() -> new ProcessTesting.Recorder(loop),
                    List.of("/bin/sleep", "30"), SubprocessOptions.INHERITED));
            org.jasyncio.AsyncIO.sleep(0); // the task starts the child and waits for connectionMade
            task.cancel();
            assertThrows(org.jasyncio.task.CancelledException.class, task::await);
        });
        assertTrue(ProcessTesting.zombieChildren().isEmpty());
    }

    /** Loop close with a child still running: killed and reaped, no zombie, no descriptor left. */
    @Test
    void loopCloseReapsRunningChild() throws Exception {
        int before = ProcessTesting.openDescriptors();
        int[] pid = new int[1];
        runVoid(() -> {
            var p = exec(List.of("/bin/sleep", "30"));
            pid[0] = p.transport.getPid();
        });
        f.close();
        assertTrue(ProcessHandle.of(pid[0]).map(h -> !h.isAlive()).orElse(true));
        assertTrue(ProcessTesting.zombieChildren().isEmpty(), ProcessTesting.zombieChildren().toString());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessTesting.openDescriptors() > before && System.nanoTime() < deadline) {
            Thread.sleep(10); // the threaded strategy's pump threads close their streams as they end
        }
        assertTrue(ProcessTesting.openDescriptors() <= before, "descriptors left open");
    }

    /** The child's stdin broke: writing reports a BrokenPipeException as the loss of pipe 0, as asyncio's EPIPE. */
    @Test
    void stdinBrokenPipe() {
        runVoid(() -> {
            var p = exec(List.of("/bin/sh", "-c", "exec 0<&-; sleep 0.2"));
            byte[] big = new byte[1 << 20];
            stdin(p).write(big);
            Throwable exc = null;
            try {
                p.disconnects[0].await();
            } catch (BrokenPipeException e) {
                exc = e;
            }
            assertNotNull(exc);
            p.completed.await();
            assertEquals(0, p.returncode);
        });
    }
}
