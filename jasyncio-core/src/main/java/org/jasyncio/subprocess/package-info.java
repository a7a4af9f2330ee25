/**
 * Subprocesses: asyncio's {@code asyncio.subprocess} and the subprocess half of the event
 * loop API.
 *
 * <ul>
 *   <li>High level: {@link org.jasyncio.subprocess.Subprocesses#createSubprocessExec} and
 *       {@link org.jasyncio.subprocess.Subprocesses#createSubprocessShell} return a
 *       {@link org.jasyncio.subprocess.Process} whose stdin, stdout and stderr are streams
 *       ({@code org.jasyncio.stream}), with {@code communicate}, {@code await} (asyncio's
 *       {@code wait}), {@code returncode} and {@code pid}. Its protocol,
 *       {@link org.jasyncio.subprocess.SubprocessStreamProtocol}, is built only on the
 *       public stream and transport API.</li>
 *   <li>Low level: {@link org.jasyncio.subprocess.SubprocessProtocol} and
 *       {@link org.jasyncio.subprocess.SubprocessTransport} ({@code loop.subprocessExec},
 *       {@code loop.subprocessShell}); where each standard descriptor goes is a
 *       {@link org.jasyncio.subprocess.Stdio} in {@link org.jasyncio.subprocess.SubprocessOptions}.</li>
 *   <li>How a loop starts and watches its children is visible as
 *       {@link org.jasyncio.subprocess.ChildWatcher} ({@code loop.childWatcher()}): pidfds
 *       watched by the loop on Linux's FFM backends, {@code ProcessBuilder} with helper
 *       threads elsewhere. docs/subprocesses.md has the details and the figures.</li>
 * </ul>
 *
 * <p>Depends on: {@code org.jasyncio} ({@code AsyncIO}), {@code loop}, {@code task},
 * {@code transport}, {@code stream} and {@code net} (its pipe exceptions); never on
 * {@code internal}. Threading: loop-confined, as every transport: transports, protocols
 * and processes belong to the loop that started the child, and the awaiting methods run
 * in a task of that loop.
 */
package org.jasyncio.subprocess;
