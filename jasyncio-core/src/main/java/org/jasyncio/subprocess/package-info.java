/**
 * Subprocesses: asyncio's {@code SubprocessProtocol}/{@code SubprocessTransport}
 * ({@code loop.subprocessExec}, {@code loop.subprocessShell}) and where each standard
 * descriptor goes ({@link org.jasyncio.subprocess.Stdio}). How a loop starts and watches
 * its children is visible as {@link org.jasyncio.subprocess.ChildWatcher}
 * ({@code loop.childWatcher()}): pidfds watched by the loop on Linux's FFM backends,
 * {@code ProcessBuilder} with helper threads elsewhere.
 *
 * <p>Depends on: {@code org.jasyncio.loop}, {@code task} and {@code transport}.
 * Threading: transports and protocols are loop-thread only, as every transport.
 */
package org.jasyncio.subprocess;
