package org.jasyncio.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Arrays;

import org.jasyncio.internal.transport.Awaiting;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.net.Accepted;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.ReceivedFrom;
import org.jasyncio.net.ReceivedInto;
import org.jasyncio.task.Future;

/**
 * The loop's low-level socket operations ({@code sock_recv}, {@code sock_sendall},
 * {@code sock_connect}, {@code sock_accept}, {@code sock_sendfile} ...). Each one tries
 * the non-blocking call at once and returns without suspending when it succeeds; when the
 * socket would block, it waits for readiness on a future and parks the calling task,
 * retrying on every readiness event until done. Cancelling the task stops the wait.
 *
 * <p>Sockets are switched to non-blocking mode (the JDK's selectors require it).
 */
final class SockOps {
    private final EventLoop loop;
    private final ChannelWaiters waiters;
    private final Resolution resolution;

    SockOps(IoContext io, Resolution resolution) {
        this.loop = io.loop();
        this.waiters = new ChannelWaiters(io);
        this.resolution = resolution;
    }

    /** Channels a sock* call waits on right now (for tests and reports). */
    int waitingChannels() {
        return waiters.waiting();
    }

    /** One non-blocking try: the result, or {@code null} when the socket would block. */
    @FunctionalInterface
    interface Attempt<T> {
        T tryOnce() throws IOException;
    }

    // ================================================================== receiving

    byte[] sockRecv(SocketChannel sock, int nbytes) {
        Awaiting.require(loop, "sockRecv");
        if (nbytes < 0) {
            throw new IllegalArgumentException("negative buffersize in recv: " + nbytes);
        }
        prepare(sock);
        if (nbytes == 0) {
            return new byte[0];
        }
        ByteBuffer buf = ByteBuffer.allocate(nbytes);
        return run(sock, false, () -> {
            int n = sock.read(buf);
            if (n == 0) {
                return null;
            }
            return n < 0 ? new byte[0] : Arrays.copyOf(buf.array(), n);
        }, null);
    }

    int sockRecvInto(SocketChannel sock, ByteBuffer buf) {
        Awaiting.require(loop, "sockRecvInto");
        prepare(sock);
        if (!buf.hasRemaining()) {
            return 0;
        }
        return run(sock, false, () -> {
            int n = sock.read(buf);
            if (n == 0) {
                return null;
            }
            return Math.max(n, 0);
        }, null);
    }

    ReceivedFrom sockRecvfrom(DatagramChannel sock, int bufsize) {
        Awaiting.require(loop, "sockRecvfrom");
        if (bufsize < 0) {
            throw new IllegalArgumentException("negative buffersize in recvfrom: " + bufsize);
        }
        prepare(sock);
        ByteBuffer buf = ByteBuffer.allocate(bufsize);
        return run(sock, false, () -> {
            SocketAddress from = sock.receive(buf);
            return from == null ? null : new ReceivedFrom(Arrays.copyOf(buf.array(), buf.position()), from);
        }, null);
    }

    ReceivedInto sockRecvfromInto(DatagramChannel sock, ByteBuffer buf) {
        Awaiting.require(loop, "sockRecvfromInto");
        prepare(sock);
        int start = buf.position();
        return run(sock, false, () -> {
            SocketAddress from = sock.receive(buf);
            return from == null ? null : new ReceivedInto(buf.position() - start, from);
        }, null);
    }

    // ================================================================== sending

    void sockSendall(SocketChannel sock, ByteBuffer data) {
        Awaiting.require(loop, "sockSendall");
        prepare(sock);
        run(sock, true, () -> {
            while (data.hasRemaining()) {
                if (sock.write(data) == 0) {
                    return null;
                }
            }
            return Boolean.TRUE;
        }, null);
    }

    int sockSendto(DatagramChannel sock, ByteBuffer data, SocketAddress address) {
        Awaiting.require(loop, "sockSendto");
        prepare(sock);
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            address = resolution.resolveOne(inet, org.jasyncio.net.SocketKind.DGRAM);
        }
        SocketAddress target = address;
        int size = data.remaining();
        return run(sock, true, () -> {
            int n = sock.send(data, target);
            return n == 0 && size > 0 ? null : n;
        }, null);
    }

    // ================================================================== connecting and accepting

    void sockConnect(SocketChannel sock, SocketAddress address) {
        Awaiting.require(loop, "sockConnect");
        prepare(sock);
        SocketAddress target = address instanceof InetSocketAddress inet && inet.isUnresolved()
                ? resolution.resolveOne(inet, org.jasyncio.net.SocketKind.STREAM) : address;
        String failure = "Connect call failed " + target;
        boolean connected;
        try {
            connected = sock.connect(target);
        } catch (IOException e) {
            throw NetErrors.map(e, failure);
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
        if (connected) {
            return;
        }
        run(sock, true, () -> sock.finishConnect() ? Boolean.TRUE : null, failure);
    }

    void sockConnect(DatagramChannel sock, SocketAddress address) {
        Awaiting.require(loop, "sockConnect");
        prepare(sock);
        SocketAddress target = address instanceof InetSocketAddress inet && inet.isUnresolved()
                ? resolution.resolveOne(inet, org.jasyncio.net.SocketKind.DGRAM) : address;
        try {
            sock.connect(target);
        } catch (IOException e) {
            throw NetErrors.map(e, "Connect call failed " + target);
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
    }

    Accepted sockAccept(ServerSocketChannel sock) {
        Awaiting.require(loop, "sockAccept");
        prepare(sock);
        return run(sock, false, () -> {
            SocketChannel conn = sock.accept();
            if (conn == null) {
                return null;
            }
            try {
                conn.configureBlocking(false);
                return new Accepted(conn, conn.getRemoteAddress());
            } catch (IOException e) {
                conn.close();
                throw e;
            }
        }, null);
    }

    // ================================================================== sendfile

    /**
     * {@code sock_sendfile}: the JDK's {@code FileChannel.transferTo}, which is
     * {@code sendfile(2)} on Linux (zero copy) and a copying loop elsewhere, so there is
     * never a "native sendfile unavailable" case to fall back from. The file position is
     * left at {@code offset} plus what was sent when something was sent, on success and on
     * error, as in asyncio.
     */
    long sockSendfile(SocketChannel sock, FileChannel file, long offset, Long count) {
        Awaiting.require(loop, "sockSendfile");
        org.jasyncio.internal.transport.TransportSendfile.checkArguments(offset, count);
        prepare(sock);
        long[] sent = {0};
        try {
            long size = file.size();
            long end = count == null ? size : Math.min(size, offset + count);
            if (offset >= end) {
                return 0;
            }
            run(sock, true, () -> {
                while (offset + sent[0] < end) {
                    long n = file.transferTo(offset + sent[0], end - offset - sent[0], sock);
                    if (n == 0) {
                        if (offset + sent[0] >= file.size()) {
                            return Boolean.TRUE;   // the file shrank meanwhile
                        }
                        return null;
                    }
                    sent[0] += n;
                }
                return Boolean.TRUE;
            }, null);
            return sent[0];
        } catch (IOException e) {
            throw NetErrors.map(e);
        } finally {
            if (sent[0] > 0) {
                try {
                    file.position(offset + sent[0]);
                } catch (IOException ignored) {
                    // the file was closed meanwhile: nothing to update
                }
            }
        }
    }

    // ================================================================== the waiting machinery

    /**
     * Tries {@code attempt} at once; if it would block, waits for read or write readiness
     * of {@code channel} and tries again on each event until it returns a result or fails.
     */
    private <T> T run(SelectableChannel channel, boolean forWrite, Attempt<T> attempt, String errorContext) {
        T first;
        try {
            first = attempt.tryOnce();
        } catch (IOException e) {
            throw NetErrors.map(e, errorContext);
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
        if (first != null) {
            return first;
        }
        Future<T> future = loop.createFuture();
        Runnable retry = () -> {
            if (future.done()) {
                return;
            }
            T result;
            try {
                result = attempt.tryOnce();
            } catch (IOException e) {
                waiters.remove(channel, future);
                future.setException(NetErrors.map(e, errorContext));
                return;
            } catch (RuntimeException e) {
                waiters.remove(channel, future);
                future.setException(unchecked(e));
                return;
            }
            if (result != null) {
                waiters.remove(channel, future);
                future.setResult(result);
            }
        };
        if (forWrite) {
            waiters.addWriter(channel, future, retry);
        } else {
            waiters.addReader(channel, future, retry);
        }
        future.addDoneCallback(f -> waiters.remove(channel, f));
        return future.await();
    }

    private static void prepare(SelectableChannel channel) {
        if (!channel.isOpen()) {
            throw new NetworkException("Bad file descriptor (the socket is closed)");
        }
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw NetErrors.map(e);
        } catch (IllegalBlockingModeException e) {
            throw new IllegalStateException("cannot make " + channel + " non-blocking", e);
        }
    }

    /** The JDK's unchecked channel errors as asyncio's errors. */
    static RuntimeException unchecked(RuntimeException e) {
        if (e instanceof NotYetConnectedException) {
            return new NetworkException("Transport endpoint is not connected (connect the socket first)");
        }
        if (e instanceof NotYetBoundException) {
            return new NetworkException("Invalid argument (the server socket is not bound: bind it first)");
        }
        if (e instanceof AlreadyConnectedException) {
            return new NetworkException("Transport endpoint is already connected");
        }
        if (e instanceof ConnectionPendingException) {
            return new NetworkException("Operation already in progress (a connect is pending on this socket)");
        }
        if (e instanceof NoConnectionPendingException) {
            return new NetworkException("no connection is pending on this socket: call sockConnect first");
        }
        if (e instanceof UnsupportedAddressTypeException) {
            return new NetworkException("Address family not supported by protocol");
        }
        if (e instanceof UnresolvedAddressException) {
            return new IllegalArgumentException("the address is unresolved: resolve it with loop.getaddrinfo() first");
        }
        return e;
    }
}
