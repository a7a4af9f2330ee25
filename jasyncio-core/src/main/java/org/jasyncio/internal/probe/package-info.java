/**
 * The live probes behind {@code jasyncio platform} ({@link org.jasyncio.platform.PlatformReport}):
 * for each {@link org.jasyncio.loop.Capability}, one {@link org.jasyncio.internal.probe.Probe}
 * that runs the real operation on a fresh loop (watch a socket, a pipe, a pty, refuse a
 * regular file, go past FD_SETSIZE, measure the clock, echo over a Unix socket, handle a
 * signal sent to this process, run a child through its pipes ...), and the runner that
 * bounds each probe in time, cleans up after it (descriptors, temporary socket
 * directories, signal handlers, children) and compares what it saw with the capability
 * matrix.
 *
 * <p>Depends on: the public API ({@code org.jasyncio.loop}, {@code .task},
 * {@code .transport}, {@code .net}, {@code .subprocess}, {@code .platform}),
 * {@code internal.ffm} for the raw descriptors the probes make (pipes, eventfds, ptys,
 * file descriptors) and for {@code kill}/{@code sigaction}, {@code internal.capability}
 * for the "not in this build" explanation. Threading: each probe runs on its own platform thread,
 * which owns the probe's loop; the runner waits for it with a time limit.
 */
package org.jasyncio.internal.probe;
