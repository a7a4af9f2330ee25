package org.jasyncio.internal.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.subprocess.ChildWatcher;
import org.jasyncio.subprocess.Stdio;
import org.jasyncio.subprocess.SubprocessConnection;
import org.jasyncio.subprocess.SubprocessOptions;
import org.jasyncio.subprocess.SubprocessProtocol;
import org.jasyncio.task.Future;
import org.jasyncio.task.Task;

/**
 * A loop's subprocess component: {@code subprocessExec}/{@code subprocessShell} with the
 * strategy {@link ChildStrategy} picked for this loop, and the children still running,
 * which a closing loop kills and reaps (so closing a loop never leaves a zombie).
 *
 * <p>Loop thread only (the loop checks the thread before delegating here).
 */
public final class SubprocessOps {
    private final EventLoop loop;
    private final LoopTraits traits;
    private final PipeConnector pipes;
    private final Set<ChildTransport> running = Collections.newSetFromMap(new IdentityHashMap<>());
    private ChildWatcher watcher;
    private int started;

    /**
     * @param pipes how the loop wraps the parent ends of a posix_spawn child's pipes in
     *              transports (its {@code connectReadPipe}/{@code connectWritePipe} on a descriptor)
     */
    public SubprocessOps(EventLoop loop, LoopTraits traits, PipeConnector pipes) {
        this.loop = loop;
        this.traits = traits;
        this.pipes = pipes;
    }

    /** The strategy of this loop, decided on first use. */
    public ChildWatcher childWatcher() {
        if (watcher == null) {
            watcher = ChildStrategy.choose(traits);
        }
        return watcher;
    }

    /** Children started and not reaped yet (for tests and reports). */
    public int runningChildren() {
        return running.size();
    }

    /** asyncio's {@code subprocess_shell}: {@code /bin/sh -c cmd} ({@code cmd.exe /c} on Windows). Awaiting. */
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(Supplier<? extends P> factory,
            String cmd, SubprocessOptions options) {
        Objects.requireNonNull(cmd, "cmd");
        List<String> args = System.getProperty("os.name", "").startsWith("Windows") ? List.of("cmd.exe", "/c", cmd)
                : List.of("/bin/sh", "-c", cmd);
        return start("subprocessShell", factory, args, options);
    }

    /** asyncio's {@code subprocess_exec}: {@code args.get(0)} is the program. Awaiting. */
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(Supplier<? extends P> factory,
            List<String> args, SubprocessOptions options) {
        Objects.requireNonNull(args, "args");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must name at least the program to run");
        }
        for (String a : args) {
            Objects.requireNonNull(a, "args contains null");
        }
        return start("subprocessExec", factory, List.copyOf(args), options);
    }

    private <P extends SubprocessProtocol> SubprocessConnection<P> start(String operation,
            Supplier<? extends P> factory, List<String> args, SubprocessOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        Task<?> task = Task.requireCurrent(operation + "()");
        if (task.getLoop() != loop) {
            throw new IllegalStateException(operation + "() of " + loop + " was called from task " + task.getName()
                    + " of another loop; call it on the loop the task runs on (AsyncIO.getRunningLoop())");
        }
        P protocol = factory.get();
        if (protocol == null) {
            throw new IllegalStateException("the protocol factory returned null");
        }
        SigchldDefault.ensure();
        ChildTransport transport = new ChildTransport(loop, this, protocol);
        String name = "jasyncio-subprocess-" + (++started);
        if (childWatcher() == ChildWatcher.PIDFD) {
            PosixSpawner.Spawned s = PosixSpawner.spawn(args, options);
            transport.attach(new PidfdChild(loop, s.pid(), s.pidfd(), transport));
            running.add(transport);
            connectDescriptorPipes(transport, s.parentEnds());
        } else {
            Process p = JdkSpawner.spawn(args, options);
            transport.attach(new JdkChild(loop, p, transport));
            running.add(transport);
            if (options.stdin() == Stdio.PIPE) {
                transport.pipeConnected(0, new ThreadedWritePipe(loop, p.getOutputStream(), transport,
                        name + "-stdin"));
            }
            if (options.stdout() == Stdio.PIPE) {
                transport.pipeConnected(1, new ThreadedReadPipe(loop, p.getInputStream(), 1, transport,
                        name + "-stdout"));
            }
            if (options.stderr() == Stdio.PIPE) {
                transport.pipeConnected(2, new ThreadedReadPipe(loop, p.getErrorStream(), 2, transport,
                        name + "-stderr"));
            }
        }
        Future<Void> waiter = loop.createFuture();
        transport.start(waiter);
        try {
            waiter.await();
        } catch (Throwable t) {
            transport.close();
            try {
                transport.exitFuture().await();
            } catch (Throwable ignored) {
                // the first failure is the one to report
            }
            throw t;
        }
        return new SubprocessConnection<>(transport, protocol);
    }

    /**
     * Wraps the parent ends in pipe transports; a failure (or cancellation) closes the
     * ends not yet owned by a transport and kills the child, then re-throws.
     */
    private void connectDescriptorPipes(ChildTransport transport, int[] ends) {
        for (int i = 0; i < 3; i++) {
            if (ends[i] >= 0) {
                transport.expectPipe(i);
            }
        }
        int fd = 0;
        try {
            for (; fd < 3; fd++) {
                if (ends[fd] >= 0) {
                    transport.pipeConnected(fd, fd == 0 ? pipes.connectWrite(ends[fd], transport)
                            : pipes.connectRead(ends[fd], fd, transport));
                }
            }
        } catch (Throwable t) {
            for (int rest = fd + 1; rest < 3; rest++) { // the pipe transport owns ends[fd]
                if (ends[rest] >= 0) {
                    PosixSpawner.closeQuietly(ends[rest]);
                }
            }
            transport.close();
            throw t;
        }
    }

    void forget(ChildTransport transport) {
        running.remove(transport);
    }

    /** The loop is closing: kills and reaps every child still running. */
    public void closeAll() {
        List<ChildTransport> all = new ArrayList<>(running);
        running.clear();
        for (ChildTransport t : all) {
            try {
                t.closeOnLoopClose();
            } catch (RuntimeException ignored) {
                // best effort: the loop is going away
            }
        }
    }
}
