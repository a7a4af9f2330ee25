package org.jasyncio.internal.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.jasyncio.internal.io.Pollable;

/**
 * What a datagram transport sends through and receives from: a JDK
 * {@link java.nio.channels.DatagramChannel} ({@link ChannelDatagramIo}, UDP) or a raw
 * descriptor (AF_UNIX datagrams, which the JDK has no channel for). One datagram per call.
 * Loop thread only.
 */
public interface DatagramIo {

    /** What the backend watches. */
    Pollable pollable();

    /** The key the loop's {@link IoContext} records the owning transport under. */
    Object ownerKey();

    /** The transport's {@code getExtraInfo("socket")}. */
    Object socket();

    SocketAddress localAddress();

    /** The connected peer, or {@code null}. */
    SocketAddress remoteAddress();

    /**
     * Receives one datagram into {@code buf} from its position: the sender, or
     * {@code null} when none is queued.
     */
    SocketAddress receive(ByteBuffer buf) throws IOException;

    /**
     * Sends the rest of {@code data} as one datagram to {@code target} (the connected peer
     * when connected): the bytes sent, 0 when it cannot be taken now.
     */
    int send(ByteBuffer data, SocketAddress target) throws IOException;

    /** Refuses a destination this socket can never send to (a wrong family), saying why. */
    void checkDestination(SocketAddress target);

    void close() throws IOException;
}
