package org.jasyncio.subprocess;

/**
 * How a loop learns that its children exited (asyncio's child watchers, chosen
 * automatically, one strategy per loop; see {@code EventLoop.childWatcher()}).
 */
public enum ChildWatcher {
    /**
     * Linux: children are started with {@code posix_spawn}, their pipes are non-blocking
     * descriptors watched by the loop, and each child's pidfd is watched by the loop too
     * (readable at exit), then reaped with {@code waitid(P_PIDFD)}. No helper thread.
     * Needs a backend that watches raw descriptors (epoll, poll, select) and a kernel and C
     * library with pidfds (Linux 5.4, glibc 2.36).
     */
    PIDFD,
    /**
     * Everywhere else (the nio backend, other systems, no pidfds): children are started
     * with {@link java.lang.ProcessBuilder}; helper threads read and write the child's
     * pipes (which are blocking JDK streams that must never be polled) and the JDK's
     * {@code Process.onExit()} reports the exit; results reach the loop through
     * {@code callSoonThreadsafe}.
     */
    THREADED
}
