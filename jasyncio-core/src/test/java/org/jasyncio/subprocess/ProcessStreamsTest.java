package org.jasyncio.subprocess;

import static org.jasyncio.subprocess.ProcessTesting.bytes;
import static org.jasyncio.subprocess.ProcessTesting.python;
import static org.jasyncio.subprocess.ProcessTesting.text;
import static org.jasyncio.subprocess.ProcessTesting.until;
import static org.jasyncio.subprocess.Subprocesses.createSubprocessExec;
import static org.jasyncio.subprocess.Subprocesses.createSubprocessShell;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jasyncio.AsyncIO;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.task.CancelledException;
import org.jasyncio.task.Task;
import org.jasyncio.transport.ReadTransport;
import org.jasyncio.testing.OnEveryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The high-level API ({@link Subprocesses}, {@link Process} with streams, communicate) on
 * every readiness backend: the pidfd strategy on epoll, poll and select, the threaded
 * one on nio. Ported from CPython's {@code Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin};
 * each test names its source. Not ported: {@code start_new_session}, text mode,
 * {@code os.PathLike} arguments and {@code pass_fds} (no such options here) and the
 * deprecated child-watcher classes.
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class ProcessStreamsTest extends OnEveryBackend {
    /** asyncio's PROGRAM_CAT: copies stdin to stdout. */
    static final List<String> CAT = python("import sys\ndata = sys.stdin.buffer.read()\nsys.stdout.buffer.write(data)");
    /** asyncio's PROGRAM_BLOCKED: sleeps for an hour. */
    static final List<String> BLOCKED = python("import time\ntime.sleep(3600)");
    /** Prints how many characters stdin held. */
    static final String LEN = "import sys; data = sys.stdin.read(); print(len(data))";

    static final SubprocessOptions IN_OUT = SubprocessOptions.INHERITED.withStdin(Stdio.PIPE).withStdout(Stdio.PIPE);

    /** Nothing unexpected reached the loop's exception handler. */
    @AfterEach
    void noErrors() {
        f.assertNoErrors();
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_stdin_stdout */
    @Test
    void stdinStdout() {
        runVoid(() -> {
            Process p = createSubprocessExec(CAT, IN_OUT);
            p.stdin().write(bytes("some data"));
            p.stdin().drain();
            p.stdin().close();
            byte[] out = p.stdout().read();
            assertEquals(0, p.await());
            assertEquals("some data", text(out));
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_communicate */
    @Test
    void communicate() {
        runVoid(() -> {
            Process p = createSubprocessExec(CAT, IN_OUT);
            ProcessOutput out = p.communicate(bytes("some data"));
            assertEquals(0, p.returncode());
            assertEquals("some data", out.stdoutText());
            assertNull(out.stderr());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_communicate_none_input */
    @Test
    void communicateNoInputClosesStdin() {
        runVoid(() -> {
            Process p = createSubprocessExec(CAT, IN_OUT);
            ProcessOutput out = p.communicate();
            assertEquals(0, p.returncode());
            assertEquals("", out.stdoutText());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_shell */
    @Test
    void shell() {
        runVoid(() -> {
            Process p = createSubprocessShell("exit 7");
            assertNull(p.stdin());
            assertNull(p.stdout());
            assertNull(p.stderr());
            assertEquals(7, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_kill */
    @Test
    void kill() {
        runVoid(() -> {
            Process p = createSubprocessExec(BLOCKED);
            p.kill();
            assertEquals(-9, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_terminate */
    @Test
    void terminate() {
        runVoid(() -> {
            Process p = createSubprocessExec(BLOCKED);
            p.terminate();
            assertEquals(-15, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_send_signal (SIGHUP at its default) */
    @Test
    void sendSignal() {
        runVoid(() -> {
            Process p = createSubprocessExec(python("import time; print('sleeping', flush=True); time.sleep(3600)"),
                    SubprocessOptions.INHERITED.withStdout(Stdio.PIPE));
            assertEquals("sleeping\n", text(p.stdout().readline()));
            p.sendSignal(1);
            assertEquals(-1, p.await());
        });
    }

    /**
     * Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_stdin_broken_pipe: the
     * child exits without reading more than a pipe holds; drain() raises
     * BrokenPipeException or ConnectionResetException.
     */
    @Test
    void stdinBrokenPipe() {
        runVoid(() -> {
            Process p = createSubprocessExec(python("import sys; sys.stdin.buffer.read(1)"),
                    SubprocessOptions.INHERITED.withStdin(Stdio.PIPE));
            p.stdin().write(new byte[4 << 20]);
            RuntimeException e = assertThrows(RuntimeException.class, p.stdin()::drain);
            assertTrue(e instanceof BrokenPipeException || e instanceof ConnectionResetException, e.toString());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_communicate_ignore_broken_pipe */
    @Test
    void communicateIgnoresBrokenPipe() {
        runVoid(() -> {
            Process p = createSubprocessExec(python("pass"), SubprocessOptions.INHERITED.withStdin(Stdio.PIPE));
            ProcessOutput out = p.communicate(new byte[4 << 20]);
            assertNull(out.stdout());
            assertEquals(0, p.await());
        });
    }

    /**
     * Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_pause_reading: more than
     * twice the limit unread pauses the stdout pipe; reading resumes it and everything arrives.
     */
    @Test
    void pauseReading() {
        int limit = 10;
        int size = limit * 2 + 1;
        runVoid(() -> {
            Process p = createSubprocessExec(python("import sys; sys.stdout.write('x' * " + size
                    + "); sys.stdout.flush()"), IN_OUT, limit);
            ReadTransport out = (ReadTransport) p.transport().getPipeTransport(1);
            until(() -> !out.isReading());
            ProcessOutput o = p.communicate();
            assertEquals("x".repeat(size), o.stdoutText());
            assertEquals(0, p.returncode());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_stdin_not_inheritable */
    @Test
    void stdinNotInheritable() {
        runVoid(() -> {
            Process p = createSubprocessExec(python(LEN), SubprocessOptions.PIPES);
            ProcessOutput o = p.communicate(bytes("abc"));
            assertEquals("3", o.stdoutText().strip());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_empty_input */
    @Test
    void emptyInput() {
        runVoid(() -> {
            Process p = createSubprocessExec(python(LEN), SubprocessOptions.PIPES);
            ProcessOutput o = p.communicate(new byte[0]);
            assertEquals("0", o.stdoutText().strip());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_devnull_input */
    @Test
    void devnullInput() {
        runVoid(() -> {
            Process p = createSubprocessExec(python(LEN), SubprocessOptions.PIPES.withStdin(Stdio.DEVNULL));
            assertNull(p.stdin());
            ProcessOutput o = p.communicate();
            assertEquals("0", o.stdoutText().strip());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_devnull_output */
    @Test
    void devnullOutput() {
        runVoid(() -> {
            Process p = createSubprocessExec(python(LEN), SubprocessOptions.PIPES.withStdout(Stdio.DEVNULL));
            ProcessOutput o = p.communicate(bytes("abc"));
            assertNull(o.stdout());
            assertEquals("", o.stderrText());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_devnull_error */
    @Test
    void devnullError() {
        runVoid(() -> {
            Process p = createSubprocessExec(python(LEN), SubprocessOptions.PIPES.withStderr(Stdio.DEVNULL));
            ProcessOutput o = p.communicate(bytes("abc"));
            assertNull(o.stderr());
            assertEquals("3", o.stdoutText().strip());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_devstdin_input */
    @Test
    void devstdinInput() {
        runVoid(() -> {
            Process p = createSubprocessExec(python("file = open('/dev/stdin'); data = file.read(); print(len(data))"),
                    SubprocessOptions.PIPES);
            ProcessOutput o = p.communicate(bytes("abc"));
            assertEquals("3", o.stdoutText().strip());
            assertEquals(0, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_cancel_process_wait */
    @Test
    void cancelProcessWait() {
        runVoid(() -> {
            Process p = createSubprocessExec(BLOCKED);
            Task<Integer> wait = loop.createTask(p::await);
            loop.callSoon(wait::cancel);
            assertThrows(CancelledException.class, wait::await);
            assertNull(p.returncode());
            p.kill();
            assertEquals(-9, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_cancel_make_subprocess_transport_exec */
    @Test
    void cancelWhileCreating() {
        runVoid(() -> {
            Task<Process> t = loop.createTask(() -> createSubprocessExec(BLOCKED));
            loop.callSoon(t::cancel);
            assertThrows(CancelledException.class, t::await);
        });
        assertTrue(ProcessTesting.zombieChildren().isEmpty(), ProcessTesting.zombieChildren().toString());
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_popen_error_with_stdin_pipe */
    @Test
    void spawnErrorWithStdinPipeLeavesNothing() throws Exception {
        int before = ProcessTesting.openDescriptors();
        runVoid(() -> assertThrows(SpawnException.class,
                () -> createSubprocessExec(List.of("/nonexistent/jasyncio-no-such-program"), SubprocessOptions.PIPES)));
        assertEquals(before, ProcessTesting.openDescriptors());
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_read_stdout_after_process_exit */
    @Test
    void readStdoutAfterProcessExit() {
        runVoid(() -> {
            Process p = createSubprocessExec(python("import sys\nfor _ in range(64):\n    sys.stdout.write('x' * 4096)\n"
                    + "sys.stdout.flush()\nsys.exit(1)"), SubprocessOptions.INHERITED.withStdout(Stdio.PIPE));
            long total = 0;
            while (true) {
                byte[] data = p.stdout().read(65536);
                if (data.length == 0) {
                    break;
                }
                total += data.length;
                AsyncIO.sleep(0.02);
            }
            assertEquals(64 * 4096, total);
            assertEquals(1, p.await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_create_subprocess_env_shell */
    @Test
    void envShell() {
        runVoid(() -> {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("FOO", "bar");
            Process p = createSubprocessShell("printf %s \"$FOO\"",
                    SubprocessOptions.INHERITED.withStdout(Stdio.PIPE).withEnv(env));
            checkStdout(p, "bar");
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_create_subprocess_env_exec */
    @Test
    void envExec() {
        runVoid(() -> {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("FOO", "baz");
            Process p = createSubprocessExec(python("import os, sys; sys.stdout.write(os.getenv('FOO'))"),
                    SubprocessOptions.INHERITED.withStdout(Stdio.PIPE).withEnv(env));
            checkStdout(p, "baz");
        });
    }

    /** asyncio's check_stdout_output: communicate, then a later wait returns at once. */
    private void checkStdout(Process p, String expected) {
        ProcessOutput o = p.communicate();
        assertEquals(expected, o.stdoutText());
        assertEquals(0, p.returncode());
        Task<Integer> later = loop.createTask(p::await);
        AsyncIO.sleep(0);
        assertEquals(p.returncode(), later.result());
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_subprocess_concurrent_wait */
    @Test
    void concurrentWait() {
        runVoid(() -> {
            Process p = createSubprocessExec(CAT, IN_OUT);
            assertEquals("some data", p.communicate(bytes("some data")).stdoutText());
            List<Task<Integer>> waits = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                waits.add(loop.createTask(p::await));
            }
            assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), AsyncIO.gather(waits).await());
        });
    }

    /** Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_subprocess_communicate_stdout */
    @Test
    void communicateStdoutOfMany() {
        List<String> outputs = run(() -> {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String word = "foo" + i;
                tasks.add(loop.createTask(() -> createSubprocessExec(List.of("/bin/echo", word),
                        SubprocessOptions.INHERITED.withStdout(Stdio.PIPE)).communicate().stdoutText().strip()));
            }
            return AsyncIO.gather(tasks).await();
        });
        assertEquals(List.of("foo0", "foo1", "foo2", "foo3", "foo4", "foo5", "foo6", "foo7", "foo8", "foo9"), outputs);
    }

    /**
     * Lib/test/test_asyncio/test_subprocess.py::SubprocessMixin::test_subprocess_send_signal_race:
     * a signal sent around the child's exit never turns into the "reaped by someone else" 255
 * (SIGTERM rather than SIGUSR1 so the threaded strategy's JDK handle can send it too).
     */
    @Test
    void sendSignalRace() {
        runVoid(() -> {
            for (int i = 0; i < 10; i++) {
                Process p = createSubprocessExec(List.of("sleep", "0.05"));
                AsyncIO.sleep(0.05);
                try {
                    p.terminate();
                } catch (ProcessLookupException exitedAndClosed) {
                    // as in asyncio: once reaped with no pipe left, the transport is closed
                }
                int code = p.await();
                assertNotEquals(255, code);
                assertTrue(code == 0 || code == -15, "returncode " + code);
            }
        });
    }

    /**
     * communicate() never deadlocks: the child fills stderr (8 MiB) before it reads any of
     * its 8 MiB of input, then copies the input to stdout.
     */
    @Test
    void communicateLargeBothWaysDoesNotDeadlock() {
        int size = 8 << 20;
        runVoid(() -> {
            Process p = createSubprocessShell("head -c " + size + " /dev/zero >&2; cat", SubprocessOptions.PIPES);
            byte[] input = new byte[size];
            Arrays.fill(input, (byte) 'i');
            ProcessOutput o = p.communicate(input);
            assertArrayEquals(input, o.stdout());
            assertEquals(size, o.stderr().length);
            assertEquals(0, p.returncode());
        });
    }

    /** stderr into stdout (asyncio's STDOUT): one stream, stderr() is null. */
    @Test
    void stderrIntoStdout() {
        runVoid(() -> {
            Process p = createSubprocessShell("printf a; printf b >&2; printf c",
                    SubprocessOptions.INHERITED.withStdout(Stdio.PIPE).withStderr(Stdio.STDOUT));
            assertNull(p.stderr());
            ProcessOutput o = p.communicate();
            assertEquals("abc", o.stdoutText());
            assertNull(o.stderr());
        });
    }

    /** A descriptor of this process as the child's stdout: the bytes go there, the caller keeps it. */
    @Test
    void stdoutToGivenDescriptor() {
        int[] pipe = Libc.pipe2(Libc.O_CLOEXEC);
        try {
            runVoid(() -> {
                Process p = createSubprocessShell("printf to-the-pipe",
                        SubprocessOptions.INHERITED.withStdout(Stdio.fd(pipe[1])));
                assertNull(p.stdout());
                assertEquals(0, p.await());
            });
            Libc.close(pipe[1]);
            pipe[1] = -1;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(64);
                long n = Libc.read(pipe[0], buf, 64);
                assertEquals("to-the-pipe", new String(buf.asSlice(0, n).toArray(
                        java.lang.foreign.ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            Libc.close(pipe[0]);
            if (pipe[1] >= 0) {
                Libc.close(pipe[1]);
            }
        }
    }

    /** A descriptor that is not open is refused before anything starts, whatever the strategy. */
    @Test
    void closedDescriptorIsRefused() throws Exception {
        int before = ProcessTesting.openDescriptors();
        runVoid(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> createSubprocessExec(
                    List.of("/bin/true"), SubprocessOptions.PIPES.withStdout(Stdio.fd(100_000))));
            assertTrue(e.getMessage().contains("100000"), e.getMessage());
        });
        assertEquals(before, ProcessTesting.openDescriptors());
        assertTrue(ProcessTesting.zombieChildren().isEmpty());
    }

    /** Input for a child whose stdin is not a pipe is refused before anything starts (asyncio drops it). */
    @Test
    void inputWithoutStdinPipeIsRefused() {
        runVoid(() -> {
            Process p = createSubprocessExec(CAT, SubprocessOptions.INHERITED.withStdin(Stdio.DEVNULL)
                    .withStdout(Stdio.PIPE));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.communicate(bytes("lost?")));
            assertTrue(e.getMessage().contains("Stdio.PIPE"), e.getMessage());
            assertEquals("", p.communicate().stdoutText());
        });
    }

    /** A limit of zero is refused before any child starts. */
    @Test
    void badLimitIsRefusedBeforeStarting() {
        runVoid(() -> assertThrows(IllegalArgumentException.class,
                () -> createSubprocessExec(BLOCKED, SubprocessOptions.INHERITED, 0)));
    }
}
