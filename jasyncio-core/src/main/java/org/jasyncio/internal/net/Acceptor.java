package org.jasyncio.internal.net;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.internal.transport.IoContext;
import org.jasyncio.internal.transport.NetErrors;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.ExceptionContext;
import org.jasyncio.loop.TimerHandle;

/**
 * The accept loop of one listening socket (asyncio's {@code _accept_connection}).
 *
 * <p>On each readiness event it accepts up to {@code backlog} connections (at least one),
 * stopping early when the queue is empty, and hands each to the server.
 *
 * <p>Running out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): the pending
 * connection stays in the kernel's queue, so the socket stays readable and a naive loop
 * would spin at 100% CPU. As asyncio does, the error is reported to the loop's exception
 * handler ({@code "socket.accept() out of system resource"}), the socket is unwatched, and
 * watching resumes after {@link #ACCEPT_RETRY_DELAY}; accepting then picks up the queued
 * connections once descriptors are free again.
 */
final class Acceptor implements ReadinessBackend.ReadyListener {
    /** asyncio's {@code constants.ACCEPT_RETRY_DELAY}. */
    static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

    private final SocketServer server;
    private final EventLoop loop;
    private final ServerSocketChannel socket;
    private final ReadinessBackend.Registration registration;
    private final int backlog;
    private TimerHandle retry;
    private int pauses;

    Acceptor(IoContext io, SocketServer server, ServerSocketChannel socket, int backlog) {
        this.server = server;
        this.loop = io.loop();
        this.socket = socket;
        this.backlog = Math.max(1, backlog);
        this.registration = io.backend().register(Pollable.of(socket), 0, this);
    }

    ServerSocketChannel socket() {
        return socket;
    }

    void start() {
        if (registration.isValid() && retry == null) {
            registration.interest(ReadinessBackend.READ);
        }
    }

    /** Stops watching and closes the socket. */
    void stop() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        registration.cancel();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    /** How many times accepting was paused for lack of resources (for tests and reports). */
    int pauses() {
        return pauses;
    }

    @Override
    public void ready(int readyOps) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel conn;
            try {
                conn = socket.accept();
            } catch (IOException e) {
                if (NetErrors.isOutOfResources(e)) {
                    pauseAfter(e);
                } else if (!String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                        .contains("connection abort")) {
                    loop.callExceptionHandler(ExceptionContext.of("socket.accept() failed", NetErrors.map(e))
                            .with(ExceptionContext.SOCKET, socket));
                }
                return;
            }
            if (conn == null) {
                return;
            }
            server.accepted(conn);
        }
    }

    private void pauseAfter(IOException e) {
        pauses++;
        loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", NetErrors.map(e))
                .with(ExceptionContext.SOCKET, socket));
        registration.interest(0);
        retry = loop.callLater(ACCEPT_RETRY_DELAY, () -> {
            retry = null;
            if (server.isServing() && registration.isValid()) {
                registration.interest(ReadinessBackend.READ);
            }
        });
    }
}
