package org.jasyncio.internal.process;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.internal.ffm.Spawn;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.subprocess.ProcessLookupException;
import org.jasyncio.subprocess.SubprocessProtocol;
import org.jasyncio.subprocess.SubprocessTransport;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.BaseTransport;

/**
 * The subprocess transport of both strategies (asyncio's {@code BaseSubprocessTransport}):
 * a {@link Child} and up to three pipe transports, with asyncio's order of callbacks.
 *
 * <ul>
 *   <li>Until {@code connectionMade} has run, pipe data (copied), pipe losses and the exit
 *       are queued, then replayed in order; afterwards data is handed over as it is read,
 *       without a copy.</li>
 *   <li>At exit the return code is set, {@code processExited} is called and whoever waits
 *       for the exit is woken; once the child has exited and every pipe is closed,
 *       {@code connectionLost(null)} ends it.</li>
 *   <li>{@link #close()} closes the pipes and kills a child that still runs; the child is
 *       reaped either way (its watcher stays until it exits).</li>
 * </ul>
 *
 * <p>Loop thread only.
 */
final class ChildTransport implements SubprocessTransport, PipeListener, Child.ExitListener {
    private final EventLoop loop;
    private final SubprocessOps owner;
    private SubprocessProtocol protocol;
    private Child child;
    private final BaseTransport[] pipes = new BaseTransport[3];
    private final boolean[] pipeOpen = new boolean[3];
    private List<Runnable> pending = new ArrayList<>();
    private final List<Future<Integer>> exitWaiters = new ArrayList<>();
    private Integer returncode;
    private boolean closed;
    private boolean finished;

    ChildTransport(EventLoop loop, SubprocessOps owner, SubprocessProtocol protocol) {
        this.loop = loop;
        this.owner = owner;
        this.protocol = protocol;
    }

    void attach(Child child) {
        this.child = child;
    }

    Child child() {
        return child;
    }

    /**
     * The child has a pipe on {@code fd} that is still to be connected: until its transport
     * has been connected and lost, the transport is not finished even if the child exits
     * first (asyncio keeps {@code _pipes[fd] = None} for the same reason). Without this a
     * child that exits while its stdout is being connected ends the transport before its
     * output is read.
     */
    void expectPipe(int fd) {
        pipeOpen[fd] = true;
    }

    /** Records the transport of the pipe to {@code fd}. */
    void pipeConnected(int fd, BaseTransport pipe) {
        pipes[fd] = pipe;
        pipeOpen[fd] = true;
    }

    /**
     * asyncio's end of {@code _connect_pipes}: {@code connectionMade}, then what arrived
     * meanwhile, in order. Calls stay queued until {@code connectionMade} has actually run,
     * so that pipe data read in the same loop iteration cannot overtake it.
     */
    void start(Future<Void> waiter) {
        loop.callSoon(() -> {
            if (protocol != null) {
                guarded("connectionMade", () -> protocol.connectionMade(this));
            }
            List<Runnable> queued = pending;
            pending = null;
            for (Runnable r : queued) {
                r.run();
            }
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        });
    }

    /** Runs {@code call} soon, or queues it until {@code connectionMade} has been scheduled. */
    private void call(Runnable call) {
        if (pending != null) {
            pending.add(call);
        } else {
            loop.callSoon(call);
        }
    }

    private void guarded(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error t) {
            if (t instanceof VirtualMachineError) {
                throw t;
            }
            loop.callExceptionHandler(ExceptionContext.of("Exception in " + what + "() of " + protocol, t)
                    .with(ExceptionContext.TRANSPORT, this).with(ExceptionContext.PROTOCOL, protocol));
        }
    }

    // ---------------------------------------------------------------- from the pipes and the child

    @Override
    public void pipeData(int fd, ByteBuffer data) {
        if (pending != null) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            pending.add(() -> deliver(fd, copy));
        } else {
            deliver(fd, data);
        }
    }

    private void deliver(int fd, ByteBuffer data) {
        SubprocessProtocol p = protocol;
        if (p != null) {
            guarded("pipeDataReceived", () -> p.pipeDataReceived(fd, data));
        }
    }

    @Override
    public void pipeLost(int fd, Throwable exc) {
        if (!pipeOpen[fd]) {
            return;
        }
        pipeOpen[fd] = false;
        call(() -> {
            SubprocessProtocol p = protocol;
            if (p != null) {
                guarded("pipeConnectionLost", () -> p.pipeConnectionLost(fd, exc));
            }
        });
        tryFinish();
    }

    @Override
    public void pipePauseWriting() {
        SubprocessProtocol p = protocol;
        if (p != null) {
            guarded("pauseWriting", p::pauseWriting);
        }
    }

    @Override
    public void pipeResumeWriting() {
        SubprocessProtocol p = protocol;
        if (p != null) {
            guarded("resumeWriting", p::resumeWriting);
        }
    }

    @Override
    public void exited(int code) {
        returncode = code;
        owner.forget(this);
        call(() -> {
            SubprocessProtocol p = protocol;
            if (p != null) {
                guarded("processExited", p::processExited);
            }
        });
        if (pipes[0] instanceof ThreadedWritePipe stdin) {
            stdin.readerGone();
        }
        tryFinish();
        for (Future<Integer> w : exitWaiters) {
            if (!w.done()) {
                w.setResult(code);
            }
        }
        exitWaiters.clear();
    }

    private void tryFinish() {
        if (returncode == null || finished) {
            return;
        }
        for (boolean open : pipeOpen) {
            if (open) {
                return;
            }
        }
        finished = true;
        call(this::connectionLost);
    }

    private void connectionLost() {
        SubprocessProtocol p = protocol;
        protocol = null;
        if (p != null) {
            guarded("connectionLost", () -> p.connectionLost(null));
        }
    }

    /** A future of this loop completed with the return code once the child has been reaped. */
    Future<Integer> exitFuture() {
        Future<Integer> f = loop.createFuture();
        if (returncode != null) {
            f.setResult(returncode);
        } else {
            exitWaiters.add(f);
        }
        return f;
    }

    /** The loop is closing: the child is killed and reaped now, the pipes are dropped. */
    void closeOnLoopClose() {
        closed = true;
        if (child != null) {
            child.closeOnLoopClose();
        }
        for (BaseTransport pipe : pipes) {
            if (pipe instanceof ThreadedWritePipe w) {
                w.abort();
            } else if (pipe != null) {
                pipe.close();
            }
        }
    }

    // ---------------------------------------------------------------- SubprocessTransport

    @Override
    public int getPid() {
        return child.pid();
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public BaseTransport getPipeTransport(int fd) {
        return fd >= 0 && fd < 3 ? pipes[fd] : null;
    }

    @Override
    public void sendSignal(int signal) {
        checkOpen();
        if (returncode == null) {
            child.sendSignal(signal);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ProcessLookupException("the subprocess transport of pid " + child.pid() + " is closed");
        }
    }

    @Override
    public void terminate() {
        sendSignal(Spawn.SIGTERM);
    }

    @Override
    public void kill() {
        sendSignal(Spawn.SIGKILL);
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "subprocess".equals(name) ? child : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Kill first, then close the pipes (asyncio does the reverse): a child that would
        // exit on its stdin's end of file must not race the kill and exit 0.
        if (returncode == null && child != null) {
            child.sendSignal(Spawn.SIGKILL);
        }
        for (BaseTransport pipe : pipes) {
            if (pipe != null) {
                pipe.close();
            }
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        if (!(protocol instanceof SubprocessProtocol p)) {
            throw new IllegalArgumentException("a subprocess transport takes a SubprocessProtocol, not " + protocol);
        }
        this.protocol = p;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "SubprocessTransport[pid=" + (child == null ? "?" : child.pid())
                + (returncode != null ? ", returncode=" + returncode : ", running") + (closed ? ", closed" : "") + "]";
    }
}
