/**
 * The selector transports: stream sockets ({@link org.jasyncio.internal.transport.SelectorSocketTransport}),
 * pipes ({@link org.jasyncio.internal.transport.PipeReadTransport},
 * {@link org.jasyncio.internal.transport.PipeWriteTransport}) and UDP
 * ({@link org.jasyncio.internal.transport.SelectorDatagramTransport}), driven by a readiness
 * backend, and what they share per loop ({@link org.jasyncio.internal.transport.IoContext}:
 * the one read buffer, the chunk pool of the write buffers, which channel or descriptor
 * belongs to which transport).
 *
 * <p>The endpoint seam: a stream transport reads and writes a
 * {@link org.jasyncio.internal.transport.StreamEndpoint}, either a JDK channel (every
 * backend) or a raw non-blocking descriptor through FFM (the FFM backends: pipes, FIFOs,
 * ttys, sockets the JDK cannot open). Its reading and writing halves are components
 * ({@code ReadSide}, {@code WriteSide}) that the socket and pipe transports share; each
 * transport only decides what end of stream, errors and a drained buffer mean for it.
 *
 * <p>Hot path design: one read buffer per loop, reused by every transport, handed to the
 * protocol as a read-only view (no per-read allocation); a write is tried on the socket
 * first and only the remainder is copied, into pooled 16 KiB direct chunks that coalesce
 * small writes and are flushed with gathering writes; WRITE interest is registered only
 * while a buffer is non-empty.
 *
 * <p>Depends on: the public {@code transport}, {@code net} and {@code loop} packages,
 * {@code internal.io} (the backend seam) and {@code internal.core.ExecState} (to run
 * protocol callbacks in their transport's context). Never on {@code internal.net}, which
 * builds on this package. Threading: loop thread only.
 */
package org.jasyncio.internal.transport;
