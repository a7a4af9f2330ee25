/**
 * Streams: asyncio's {@code asyncio.streams} — {@link org.jasyncio.stream.StreamReader},
 * {@link org.jasyncio.stream.StreamWriter}, {@link org.jasyncio.stream.Streams#openConnection},
 * {@link org.jasyncio.stream.Streams#startServer}, and their Unix-socket twins
 * {@link org.jasyncio.stream.Streams#openUnixConnection(java.nio.file.Path)} and
 * {@link org.jasyncio.stream.Streams#startUnixServer(org.jasyncio.stream.ClientConnected, java.nio.file.Path)}.
 *
 * <p>Role: a byte-stream API for tasks over any stream transport. The parts are public
 * and reusable so that other transports (pipes, subprocess pipes) get streams in a few
 * lines:
 * <ul>
 *   <li>{@link org.jasyncio.stream.StreamReader} is fed by any protocol
 *       ({@code feedData}, {@code feedEof}, {@code setException}) and pauses its
 *       transport's reading while it holds more than twice its limit;</li>
 *   <li>{@link org.jasyncio.stream.StreamWriter} wraps any
 *       {@link org.jasyncio.transport.WriteTransport} and waits in {@code drain()} on a
 *       {@link org.jasyncio.stream.WriteFlowControl}, which any protocol feeds from its
 *       {@code pauseWriting}/{@code resumeWriting}/{@code connectionLost};</li>
 *   <li>{@link org.jasyncio.stream.StreamReaderProtocol} turns a connection made by any
 *       {@code EventLoop.create*} call into a (reader, writer) pair
 *       ({@link org.jasyncio.stream.Streams#open}, {@link org.jasyncio.stream.Streams#serverProtocols}).</li>
 * </ul>
 *
 * <p>Depends on: only the public API — {@code org.jasyncio.AsyncIO},
 * {@code org.jasyncio.loop}, {@code org.jasyncio.task}, {@code org.jasyncio.transport},
 * {@code org.jasyncio.net} (Trio's rule: the streams dogfood the core; no {@code internal}
 * import). Threading: loop-confined, like transports: readers, writers and their
 * protocol belong to the loop of their transport; the awaiting methods park the calling
 * task and must run in a task of that loop.
 */
package org.jasyncio.stream;
