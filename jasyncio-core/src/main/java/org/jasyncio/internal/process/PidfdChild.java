package org.jasyncio.internal.process;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Pidfd;
import org.jasyncio.internal.ffm.Spawn;
import org.jasyncio.loop.EventLoop;

/**
 * A child watched through its pidfd by the loop itself (asyncio's
 * {@code PidfdChildWatcher}): the loop's reader on the pidfd fires when the child exits;
 * {@code waitid(P_PIDFD, WNOHANG)} then reaps it and the pidfd is closed. Signals go
 * through {@code pidfd_send_signal}, so they can never reach a process that reused the
 * pid. Loop thread only.
 */
final class PidfdChild implements Child {
    private final EventLoop loop;
    private final int pid;
    private final ExitListener listener;
    private int pidfd;

    PidfdChild(EventLoop loop, int pid, int pidfd, ExitListener listener) {
        this.loop = loop;
        this.pid = pid;
        this.pidfd = pidfd;
        this.listener = listener;
        loop.addReader(pidfd, this::readable);
    }

    @Override
    public int pid() {
        return pid;
    }

    private void readable() {
        int returncode;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Spawn.SIGINFO_SIZE);
            Spawn.waitid(Spawn.P_PIDFD, pidfd, info, Spawn.WEXITED | Spawn.WNOHANG);
            if (info.get(ValueLayout.JAVA_INT, Spawn.SIGINFO_PID_OFFSET) == 0) {
                return; // not exited yet (a spurious wake-up): keep watching
            }
            returncode = returncode(info);
        } catch (ErrnoException e) {
            // ECHILD: someone else reaped it (a waitpid(-1) elsewhere in this process).
            // asyncio reports 255 in that case, with a warning; so do we.
            System.getLogger("org.jasyncio").log(System.Logger.Level.WARNING,
                    "child process " + pid + " was reaped by someone else (" + e.getMessage()
                            + "); its exit status is unknown, reported as 255");
            returncode = 255;
        }
        release();
        listener.exited(returncode);
    }

    static int returncode(MemorySegment info) {
        int code = info.get(ValueLayout.JAVA_INT, Spawn.SIGINFO_CODE_OFFSET);
        int status = info.get(ValueLayout.JAVA_INT, Spawn.SIGINFO_STATUS_OFFSET);
        return code == Spawn.CLD_EXITED ? status : -status;
    }

    private void release() {
        if (pidfd >= 0) {
            loop.removeReader(pidfd);
            PosixSpawner.closeQuietly(pidfd);
            pidfd = -1;
        }
    }

    @Override
    public void sendSignal(int signal) {
        if (pidfd < 0) {
            return;
        }
        try {
            Pidfd.sendSignal(pidfd, signal);
        } catch (ErrnoException e) {
            if (e.errno() != Spawn.ESRCH) {
                throw e;
            }
            // exited, not yet reaped: nothing to signal
        }
    }

    @Override
    public void closeOnLoopClose() {
        if (pidfd < 0) {
            return;
        }
        try {
            Pidfd.sendSignal(pidfd, Spawn.SIGKILL);
        } catch (ErrnoException ignored) {
            // exited already
        }
        try (Arena arena = Arena.ofConfined()) {
            Spawn.waitid(Spawn.P_PIDFD, pidfd, arena.allocate(Spawn.SIGINFO_SIZE), Spawn.WEXITED);
        } catch (ErrnoException ignored) {
            // reaped already
        }
        // The loop is closing: its readers are gone already, so only the descriptor is left.
        Libc.close(pidfd);
        pidfd = -1;
    }
}
