/**
 * Pipes: {@code connectReadPipe}/{@code connectWritePipe} over JDK {@code Pipe} channels
 * and raw descriptors (pipes, FIFOs, sockets, ttys and ptys), with asyncio's rules for
 * what may be connected (never a regular file), and the answers for the
 * {@code READ_PIPE}/{@code WRITE_PIPE} capabilities.
 *
 * <p>The transports themselves are {@code internal.transport.PipeReadTransport} and
 * {@code PipeWriteTransport}, which share their reading and writing halves with the
 * socket transport. Depends on: the public API, {@code internal.transport},
 * {@code internal.capability}, {@code internal.ffm} (fstat, fcntl). Threading: loop
 * thread only, called by the loop after its closed-loop and thread checks.
 */
package org.jasyncio.internal.pipe;
