package org.jasyncio.internal.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

import org.jasyncio.context.Context;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;
import org.jasyncio.transport.BaseProtocol;
import org.jasyncio.transport.DatagramProtocol;
import org.jasyncio.transport.DatagramTransport;
import org.jasyncio.transport.WriteBufferLimits;

/**
 * A datagram transport over a non-blocking {@link DatagramIo} (a UDP
 * {@link DatagramChannel}, or an AF_UNIX datagram descriptor): asyncio's
 * {@code _SelectorDatagramTransport}.
 *
 * <p>Each readiness event receives one datagram into the loop's read buffer and hands a
 * read-only view to {@code datagramReceived}. {@code sendto} tries the socket at once when
 * nothing is queued; a datagram the socket cannot take now is copied into the queue and
 * sent when it is writable, in order. A socket error on one datagram (send or receive) goes
 * to {@code errorReceived} and the endpoint stays open, as in asyncio; what a protocol
 * callback throws is reported to the loop's exception handler and the endpoint stays open
 * too (asyncio lets it escape into the loop's handler the same way).
 */
public final class SelectorDatagramTransport implements DatagramTransport, TransportCore.Handler, LoopResource {
    private final IoContext io;
    private final EventLoop loop;
    private final DatagramIo socket;
    private final TransportCore core;
    private final SocketAddress sockname;
    /** The connected peer, or {@code null}: the only address {@code sendto} accepts. */
    private final SocketAddress address;
    private final boolean connected;
    private final FlowControl flow = new FlowControl();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(0);
    private long queued;
    private DatagramProtocol protocol;

    private record Pending(ByteBuffer data, SocketAddress address) {
    }

    /**
     * Wraps {@code channel} (non-blocking, bound or connected) for {@code protocol}.
     *
     * @param address the default (and only) destination when the endpoint has a remote
     *                address, else {@code null}
     */
    public SelectorDatagramTransport(IoContext io, DatagramChannel channel, DatagramProtocol protocol,
            SocketAddress address, Future<Void> waiter, Context context) {
        this(io, ChannelDatagramIo.of(channel), protocol, address, waiter, context);
    }

    /** Wraps {@code socket} (a UDP channel or an AF_UNIX descriptor) for {@code protocol}. */
    public SelectorDatagramTransport(IoContext io, DatagramIo socket, DatagramProtocol protocol,
            SocketAddress address, Future<Void> waiter, Context context) {
        this.io = io;
        this.loop = io.loop();
        this.socket = socket;
        setProtocolInternal(protocol);
        SocketAddress peer = socket.remoteAddress();
        this.connected = peer != null;
        this.sockname = socket.localAddress();
        this.address = address != null ? address : peer;
        this.core = new TransportCore(io, socket.pollable(), socket.ownerKey(), socket::close, context, this, this,
                waiter);
        loop.callSoon(() -> core.start(this.protocol, this, () -> {
            if (!core.closing) {
                core.addInterest(ReadinessBackend.READ);
            }
        }), context);
    }

    // ================================================================== readiness

    @Override
    public void readReady() {
        if (core.connLost != 0) {
            return;
        }
        ByteBuffer buf = io.readBuffer();
        SocketAddress from;
        try {
            from = socket.receive(buf);
        } catch (IOException e) {
            protocol.errorReceived(NetErrors.map(e));
            return;
        }
        if (from != null) {
            protocol.datagramReceived(io.readView(buf.position()), from);
        }
    }

    @Override
    public void writeReady() {
        Pending p;
        while ((p = queue.peekFirst()) != null) {
            try {
                if (send(p.data, p.address) == 0 && p.data.hasRemaining()) {
                    break;
                }
            } catch (IOException e) {
                dequeue();
                protocol.errorReceived(NetErrors.map(e));
                return;
            }
            dequeue();
        }
        flow.maybeResume(queued, protocol, loop, this);
        if (queue.isEmpty()) {
            core.removeInterest(ReadinessBackend.WRITE);
            if (core.closing) {
                callConnectionLost(null);
            }
        }
    }

    private void dequeue() {
        queued -= queue.pollFirst().data.capacity();
    }

    private int send(ByteBuffer data, SocketAddress target) throws IOException {
        return socket.send(data, target);
    }

    // ================================================================== sending

    @Override
    public void sendto(ByteBuffer data, SocketAddress addr) {
        io.checkThread("sendto");
        SocketAddress target = checkTarget(addr);
        if (core.connLost != 0) {
            core.ignoreWriteAfterLoss(data);
            return;
        }
        if (queue.isEmpty()) {
            try {
                if (send(data, target) > 0 || !data.hasRemaining()) {
                    data.position(data.limit());
                    return;
                }
                core.addInterest(ReadinessBackend.WRITE);
            } catch (IOException e) {
                data.position(data.limit());
                protocol.errorReceived(NetErrors.map(e));
                return;
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        queue.addLast(new Pending(copy, target));
        queued += copy.remaining();
        flow.maybePause(queued, protocol, loop, this);
    }

    /** The destination for {@code addr}, or an error that says what is wrong with it. */
    private SocketAddress checkTarget(SocketAddress addr) {
        if (address != null) {
            if (addr != null && !addr.equals(address)) {
                throw new IllegalArgumentException("Invalid address: must be null or " + address + ", not " + addr);
            }
            return address;
        }
        if (addr == null) {
            throw new IllegalArgumentException("this datagram endpoint is not connected: sendto() needs an address");
        }
        socket.checkDestination(addr);
        return addr;
    }

    @Override
    public long getWriteBufferSize() {
        return queued;
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        io.checkThread("setWriteBufferLimits");
        flow.setLimits(WriteBufferLimits.of(high, low));
        flow.maybePause(queued, protocol, loop, this);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return flow.limits();
    }

    // ================================================================== closing

    @Override
    public boolean isClosing() {
        return core.closing;
    }

    @Override
    public void close() {
        io.checkThread("close");
        core.close(queue.isEmpty(), () -> callConnectionLost(null));
    }

    @Override
    public void abort() {
        io.checkThread("abort");
        if (core.connLost != 0) {
            return;
        }
        queue.clear();
        queued = 0;
        core.closing = true;
        core.setInterest(0);
        core.connLost++;
        loop.callSoon(() -> callConnectionLost(null), core.context);
    }

    private void callConnectionLost(Throwable exc) {
        core.connectionLost(protocol, this, exc);
    }

    @Override
    public void closeOnLoopClose() {
        core.connLost++;
        core.release();
    }

    // ================================================================== protocol and extra info

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        io.checkThread("setProtocol");
        setProtocolInternal(protocol);
    }

    private void setProtocolInternal(BaseProtocol<?> p) {
        if (!(p instanceof DatagramProtocol d)) {
            throw new IllegalArgumentException("a datagram transport needs a DatagramProtocol, not "
                    + (p == null ? "null" : p.getClass().getName()));
        }
        this.protocol = d;
    }

    @Override
    public DatagramProtocol getProtocol() {
        return protocol;
    }

    @Override
    public DatagramProtocol protocol() {
        return protocol;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return switch (name) {
            case PEERNAME -> connected ? address : null;
            case SOCKNAME -> sockname;
            case SOCKET -> socket.socket();
            default -> defaultValue;
        };
    }

    @Override
    public String toString() {
        return "<SelectorDatagramTransport" + (core.lost ? " closed" : core.closing ? " closing" : "") + " local="
                + sockname + (address != null ? " remote=" + address : "") + " queued=" + queued + ">";
    }
}
