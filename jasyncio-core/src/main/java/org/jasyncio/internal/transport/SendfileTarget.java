package org.jasyncio.internal.transport;

import java.nio.channels.WritableByteChannel;

import org.jasyncio.transport.WriteTransport;

/**
 * A transport {@code loop.sendfile} can drive ({@link TransportSendfile}): its write half
 * (which refuses writes and hands write readiness to a native transfer while one runs)
 * and the channel {@code FileChannel.transferTo} can send to. A transport that is also a
 * {@link org.jasyncio.transport.ReadTransport} has its reading paused during the transfer.
 */
interface SendfileTarget extends WriteTransport {

    WriteSide writeSide();

    /** Where the native path sends to, or {@code null} when there is none (the fallback only). */
    WritableByteChannel sendfileChannel();
}
