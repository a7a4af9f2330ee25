package org.jasyncio.internal.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.jasyncio.internal.io.Pollable;

/** A UDP socket as a JDK {@link DatagramChannel}, for {@link SelectorDatagramTransport}. */
public record ChannelDatagramIo(DatagramChannel channel, SocketAddress localAddress, SocketAddress remoteAddress)
        implements DatagramIo {

    /** {@code channel} (non-blocking, bound or connected) with its addresses as they are now. */
    public static ChannelDatagramIo of(DatagramChannel channel) {
        SocketAddress local = null;
        SocketAddress peer = null;
        try {
            local = channel.getLocalAddress();
            peer = channel.getRemoteAddress();
        } catch (IOException ignored) {
            // a closed channel: registering it reports that
        }
        return new ChannelDatagramIo(channel, local, peer);
    }

    @Override
    public Pollable pollable() {
        return Pollable.of(channel);
    }

    @Override
    public Object ownerKey() {
        return channel;
    }

    @Override
    public Object socket() {
        return channel;
    }

    @Override
    public SocketAddress receive(ByteBuffer buf) throws IOException {
        return channel.receive(buf);
    }

    @Override
    public int send(ByteBuffer data, SocketAddress target) throws IOException {
        return remoteAddress != null ? channel.write(data) : channel.send(data, target);
    }

    @Override
    public void checkDestination(SocketAddress addr) {
        if (addr instanceof InetSocketAddress inet) {
            if (inet.isUnresolved()) {
                throw new IllegalArgumentException("sendto() needs a resolved address, not " + inet.getHostString()
                        + " (a DNS lookup would block the loop): resolve it first with loop.getaddrinfo()");
            }
            if (localAddress instanceof InetSocketAddress local && local.getAddress() instanceof Inet4Address
                    && inet.getAddress() instanceof Inet6Address) {
                throw new IllegalArgumentException("socket family mismatch: an IPv4 endpoint cannot send to " + inet);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
