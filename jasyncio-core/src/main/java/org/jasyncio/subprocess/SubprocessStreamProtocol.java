package org.jasyncio.subprocess;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.jasyncio.loop.EventLoop;
import org.jasyncio.stream.StreamReader;
import org.jasyncio.stream.StreamWriter;
import org.jasyncio.stream.WriteFlowControl;
import org.jasyncio.task.Future;
import org.jasyncio.transport.ReadTransport;
import org.jasyncio.transport.WriteTransport;

/**
 * The protocol behind {@link Process}: asyncio's {@code SubprocessStreamProtocol}. At
 * {@code connectionMade} it wraps each pipe in a stream: a {@link StreamReader} over the
 * child's stdout and stderr (which pauses its pipe once it holds more than twice
 * {@code limit} bytes) and a {@link StreamWriter} over its stdin (whose {@code drain()}
 * waits on this protocol's {@link WriteFlowControl}).
 *
 * <p>Once the child has exited and both output pipes have ended, the protocol closes the
 * subprocess transport (nothing is left to read, and the transport's resources go).
 *
 * <p>Built only on the public stream and transport API. Loop thread only.
 */
public final class SubprocessStreamProtocol implements SubprocessProtocol {
    private final EventLoop loop;
    private final int limit;
    private final WriteFlowControl flow;
    private final Future<Void> stdinClosed;
    private final Future<Integer> exited;
    private SubprocessTransport transport;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;
    private int openOutputs;
    private boolean processExited;

    /**
     * @param limit the buffer limit of the output readers (asyncio's {@code limit})
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public SubprocessStreamProtocol(EventLoop loop, int limit) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, got " + limit);
        }
        this.limit = limit;
        this.flow = new WriteFlowControl(loop);
        this.stdinClosed = loop.createFuture();
        this.exited = loop.createFuture();
    }

    /** The writer to the child's stdin, or {@code null} when stdin is not a {@link Stdio#PIPE}. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The reader of the child's stdout, or {@code null} when stdout is not a {@link Stdio#PIPE}. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The reader of the child's stderr, or {@code null} when stderr is not a {@link Stdio#PIPE}. */
    public StreamReader stderr() {
        return stderr;
    }

    /** Completed with the return code once {@code processExited} has run. */
    Future<Integer> exited() {
        return exited;
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        transport = t;
        if (t.getPipeTransport(1) instanceof ReadTransport out) {
            stdout = new StreamReader(loop, limit);
            stdout.setTransport(out);
            openOutputs++;
        }
        if (t.getPipeTransport(2) instanceof ReadTransport err) {
            stderr = new StreamReader(loop, limit);
            stderr.setTransport(err);
            openOutputs++;
        }
        if (t.getPipeTransport(0) instanceof WriteTransport in) {
            stdin = new StreamWriter(in, flow, null, stdinClosed);
        }
    }

    @Override
    public void pipeDataReceived(int fd, ByteBuffer data) {
        StreamReader reader = reader(fd);
        if (reader != null) {
            reader.feedData(data);
        }
    }

    private StreamReader reader(int fd) {
        return fd == 1 ? stdout : fd == 2 ? stderr : null;
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            flow.connectionLost(exc);
            if (exc == null) {
                stdinClosed.setResult(null);
            } else {
                stdinClosed.setException(exc);
                // Waiting for stdin to close is optional: do not report the error as
                // "never retrieved" (asyncio clears its _log_traceback the same way).
                stdinClosed.exception();
            }
            return;
        }
        StreamReader reader = reader(fd);
        if (reader == null) {
            return;
        }
        if (exc == null) {
            reader.feedEof();
        } else {
            reader.setException(exc);
        }
        openOutputs--;
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        Integer code = transport.getReturncode();
        if (!exited.done()) {
            exited.setResult(code);
        }
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (openOutputs == 0 && processExited && transport != null) {
            transport.close();
        }
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SubprocessStreamProtocol");
        if (stdin != null) {
            sb.append(" stdin=").append(stdin);
        }
        if (stdout != null) {
            sb.append(" stdout=").append(stdout);
        }
        if (stderr != null) {
            sb.append(" stderr=").append(stderr);
        }
        return sb.append('>').toString();
    }
}
