/**
 * Transports and protocols: asyncio's {@code asyncio.transports} and
 * {@code asyncio.protocols}.
 *
 * <p>Role: the contracts between the loop's I/O and user code. A <em>transport</em>
 * ({@link org.jasyncio.transport.Transport}, {@link org.jasyncio.transport.DatagramTransport})
 * owns a socket and moves bytes; a <em>protocol</em>
 * ({@link org.jasyncio.transport.Protocol}, {@link org.jasyncio.transport.BufferedProtocol},
 * {@link org.jasyncio.transport.DatagramProtocol}) receives callbacks. Protocol methods are
 * default no-ops so an implementation overrides only what it needs.
 *
 * <p><b>Buffer ownership (the zero-copy rule).</b> The {@code ByteBuffer} passed to
 * {@link org.jasyncio.transport.Protocol#dataReceived} and
 * {@link org.jasyncio.transport.DatagramProtocol#datagramReceived} is a read-only view of
 * the loop's one read buffer: it is valid only during the call. Copy what you keep.
 * {@link org.jasyncio.transport.WriteTransport#write(java.nio.ByteBuffer)} consumes its
 * argument (its position reaches its limit) and keeps a copy of whatever the socket did
 * not take, so the caller may reuse the buffer as soon as {@code write} returns.
 *
 * <p>Depends on: nothing but the JDK. Threading: a transport belongs to its loop; its
 * methods are called, and its protocol's callbacks run, on the loop thread (or in a task
 * of that loop). A call from another thread while the loop runs throws
 * {@link java.lang.IllegalStateException}; use {@code loop.callSoonThreadsafe}.
 */
package org.jasyncio.transport;
