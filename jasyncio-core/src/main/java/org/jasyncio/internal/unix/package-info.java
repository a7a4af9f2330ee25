/**
 * Unix domain sockets: asyncio's {@code create_unix_connection} and
 * {@code create_unix_server} on paths (every readiness backend: the JDK's AF_UNIX
 * channels ride on the TCP machinery of {@code internal.net}), the socket file's life
 * cycle (stale files replaced, live servers never, cleanup on close), peer credentials,
 * and what needs raw descriptors (abstract-namespace names and AF_UNIX datagrams, on the
 * FFM backends). {@link org.jasyncio.internal.unix.UnixOps} is the per-loop entry point;
 * {@link org.jasyncio.internal.unix.UnixCapabilities} answers for the Unix capabilities.
 *
 * <p>Depends on: the public API, {@code internal.net} (connections, servers, sock ops),
 * {@code internal.transport}, {@code internal.io}, {@code internal.fd} (a channel's
 * descriptor) and {@code internal.ffm} ({@code UnixSockets}). Threading: loop thread
 * (and tasks of the loop), like every loop component.
 */
package org.jasyncio.internal.unix;
