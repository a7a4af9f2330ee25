package org.jasyncio.subprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.stream.StreamReader;
import org.jasyncio.stream.StreamWriter;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;
import org.jasyncio.transport.BaseTransport;

/**
 * A child process with streams: asyncio's {@code asyncio.subprocess.Process}, made by
 * {@link Subprocesses#createSubprocessExec} and {@link Subprocesses#createSubprocessShell}.
 *
 * <p>{@link #stdin()}, {@link #stdout()} and {@link #stderr()} are streams when the
 * descriptor is a {@link Stdio#PIPE}, {@code null} otherwise. {@link #communicate(byte[])}
 * feeds stdin and reads both outputs at the same time, so a child that fills one pipe
 * while the parent writes to another never deadlocks. {@link #await()} is asyncio's
 * {@code wait()} ({@code wait} is {@link Object}'s in Java): it waits for the exit only
 * and does not read the pipes, so a child writing more than a pipe holds to an unread
 * stdout blocks forever, as in asyncio; use {@code communicate} then.
 *
 * <p>Not to be confused with {@link java.lang.Process}: this one belongs to a loop and its
 * awaiting methods park the calling task. Loop thread only; the awaiting methods run in a
 * task of the process's loop.
 */
public final class Process {
    private final EventLoop loop;
    private final SubprocessTransport transport;
    private final SubprocessStreamProtocol protocol;

    /** Wraps a connection made by {@code loop.subprocessExec} with a {@link SubprocessStreamProtocol}. */
    public Process(EventLoop loop, SubprocessTransport transport, SubprocessStreamProtocol protocol) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** The child's process id (asyncio's {@code pid}). */
    public int pid() {
        return transport.getPid();
    }

    /**
     * The exit code once the child has been reaped, {@code -signal} when a signal ended it,
     * {@code null} while it runs (asyncio's {@code returncode}).
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /** The writer to the child's stdin, or {@code null} when stdin is not a {@link Stdio#PIPE}. */
    public StreamWriter stdin() {
        return protocol.stdin();
    }

    /** The reader of the child's stdout, or {@code null} when stdout is not a {@link Stdio#PIPE}. */
    public StreamReader stdout() {
        return protocol.stdout();
    }

    /** The reader of the child's stderr, or {@code null} when stderr is not a {@link Stdio#PIPE}. */
    public StreamReader stderr() {
        return protocol.stderr();
    }

    /** The subprocess transport underneath. */
    public SubprocessTransport transport() {
        return transport;
    }

    /**
     * Waits until the child has exited and returns its return code (asyncio's
     * {@code wait()}). Several tasks may wait at once; cancelling one wait leaves the child
     * and the other waits alone. Awaiting.
     */
    public int await() {
        Integer code = transport.getReturncode();
        if (code != null) {
            return code;
        }
        return AsyncIO.shield(protocol.exited()).await();
    }

    /** Sends {@code signal} (see {@link SubprocessTransport#sendSignal}). */
    public void sendSignal(int signal) {
        transport.sendSignal(signal);
    }

    /** SIGTERM (see {@link SubprocessTransport#terminate}). */
    public void terminate() {
        transport.terminate();
    }

    /** SIGKILL (see {@link SubprocessTransport#kill}). */
    public void kill() {
        transport.kill();
    }

    /** {@link #communicate(byte[])} with no input: stdin, if a pipe, is just closed. Awaiting. */
    public ProcessOutput communicate() {
        return communicate(null);
    }

    /**
     * Sends {@code input} to stdin and closes it, reads stdout and stderr to their end, all
     * three at once, then waits for the exit (asyncio's {@code communicate}). Returns what
     * the output pipes carried ({@code null} for one that is not a {@link Stdio#PIPE}); the
     * return code is then {@link #returncode()}.
     *
     * <p>A child that exits without reading all of its input is not an error here
     * (asyncio ignores {@code BrokenPipeError} and {@code ConnectionResetError} while
     * feeding). Output is kept in memory whole: for output larger than memory, read
     * {@link #stdout()} in a loop instead. Cancelling the calling task cancels the three
     * parts and leaves the child running. Awaiting.
     *
     * @param input bytes for stdin, or {@code null} for none
     * @throws IllegalArgumentException if {@code input} is given but stdin is not a pipe
     *         (asyncio would drop it silently)
     */
    public ProcessOutput communicate(byte[] input) {
        StreamWriter in = stdin();
        if (input != null && in == null) {
            throw new IllegalArgumentException("communicate() was given " + input.length + " bytes of input but the "
                    + "child's stdin is not a pipe; start it with options.withStdin(Stdio.PIPE)");
        }
        List<Future<?>> parts = new ArrayList<>(3);
        if (in != null) {
            parts.add(loop.createTask(() -> {
                feedStdin(in, input);
                return null;
            }));
        }
        Task<byte[]> out = stdout() == null ? null : loop.createTask(() -> readToEnd(1, stdout()));
        Task<byte[]> err = stderr() == null ? null : loop.createTask(() -> readToEnd(2, stderr()));
        if (out != null) {
            parts.add(out);
        }
        if (err != null) {
            parts.add(err);
        }
        AsyncIO.gather(parts).await();
        await();
        return new ProcessOutput(out == null ? null : out.result(), err == null ? null : err.result());
    }

    private static void feedStdin(StreamWriter in, byte[] input) {
        try {
            if (input != null && input.length > 0) {
                in.write(input);
            }
            in.drain();
        } catch (BrokenPipeException | ConnectionResetException childStoppedReading) {
            // asyncio's communicate() ignores both: the child exited or closed its stdin early
        }
        in.close();
    }

    private byte[] readToEnd(int fd, StreamReader reader) {
        byte[] all = reader.read();
        BaseTransport pipe = transport.getPipeTransport(fd);
        if (pipe != null) {
            pipe.close();
        }
        return all;
    }

    @Override
    public String toString() {
        return "<Process " + pid() + (returncode() == null ? "" : " returncode=" + returncode()) + ">";
    }
}
