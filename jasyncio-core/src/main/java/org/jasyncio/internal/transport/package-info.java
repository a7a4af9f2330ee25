/**
 * The selector transports: TCP ({@link org.jasyncio.internal.transport.SelectorSocketTransport})
 * and UDP ({@link org.jasyncio.internal.transport.SelectorDatagramTransport}) over JDK
 * channels in non-blocking mode, driven by a readiness backend, and what they share per
 * loop ({@link org.jasyncio.internal.transport.IoContext}: the one read buffer, the chunk
 * pool of the write buffers, which channel belongs to which transport).
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
