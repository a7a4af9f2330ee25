/**
 * Subprocesses: starting children, watching them exit, and the subprocess transport
 * (asyncio's {@code base_subprocess} and the child watchers of {@code unix_events}).
 *
 * <p>Two strategies, chosen in one place ({@link org.jasyncio.internal.process.ChildStrategy}):
 * <ul>
 *   <li>{@code PIDFD} (Linux, FFM backends): {@code posix_spawn} with close-on-exec pipes
 *       ({@link org.jasyncio.internal.process.PosixSpawner}), the parent ends wrapped in the
 *       loop's own pipe transports, and the child's pidfd watched by the loop
 *       ({@link org.jasyncio.internal.process.PidfdChild}); no thread.</li>
 *   <li>{@code THREADED} (the nio backend, other systems, no pidfds): {@code ProcessBuilder}
 *       ({@link org.jasyncio.internal.process.JdkSpawner}), helper threads pumping its
 *       blocking streams ({@link org.jasyncio.internal.process.ThreadedReadPipe},
 *       {@link org.jasyncio.internal.process.ThreadedWritePipe}) and
 *       {@code Process.onExit()} ({@link org.jasyncio.internal.process.JdkChild}).</li>
 * </ul>
 * Both feed one {@link org.jasyncio.internal.process.ChildTransport}, which keeps
 * asyncio's order of protocol callbacks. Before the first child of the JVM,
 * {@link org.jasyncio.internal.process.SigchldDefault} resets a SIGCHLD inherited as ignored.
 *
 * <p>Depends on: the public {@code loop}, {@code task}, {@code transport} and
 * {@code subprocess} packages, {@code internal.capability} and the FFM facilities
 * {@code internal.ffm.Spawn}, {@code Pidfd}, {@code Signals} and {@code Libc}. Threading:
 * loop thread only, except the pump threads, which reach the loop through
 * {@code callSoonThreadsafe} alone and share no lock with it: a task (a virtual thread the
 * loop thread carries) queued on a lock the loop thread then waits for deadlocks the loop,
 * so the hand-over is volatile fields, lock-free queues and {@code LockSupport.park}.
 */
package org.jasyncio.internal.process;
