package org.jasyncio.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.task.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads started inside a task inherit the task's scheduler (the JDK's rule);
 * they are not tasks and must not depend on the loop: they run elsewhere and outlive it.
 */
class InheritedVirtualThreadTest {

    /** A thread started in a task runs off the loop thread, and keeps running after the loop closed. */
    @Test
    void aVirtualThreadStartedInATaskDoesNotRunOnTheLoopAndOutlivesIt() throws Exception {
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        CompletableFuture<String> carrierSeen = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<String> after = new CompletableFuture<>();
        try (EventLoop loop = SelectorEventLoop.open()) {
            loop.runUntilComplete(Coroutine.of(() -> {
                loopThread.set(Thread.currentThread());
                Thread.ofVirtual().start(() -> {
                    carrierSeen.complete(carrierName());
                    release.join();   // parks: comes back through the scheduler it inherited
                    after.complete("resumed");
                });
                AsyncIO.sleep(Duration.ofMillis(1));
            }));
        }
        String carrier = carrierSeen.get(30, TimeUnit.SECONDS);
        assertTrue(carrier.startsWith("jasyncio-inherited-vthread-carrier"), carrier);
        release.complete(null);
        assertEquals("resumed", after.get(30, TimeUnit.SECONDS));
    }

    /**
     * The JDK creates its socket pollers lazily, in the first virtual thread that blocks
     * on a socket. When that is a task whose loop then closes, blocking sockets in tasks
     * of the next loop must still work (they hung before the fix).
     */
    @Test
    void blockingSocketsInTasksWorkAcrossLoops() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream();
                         OutputStream out = s.getOutputStream()) {
                        out.write(in.read());
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            for (int round = 0; round < 3; round++) {
                try (EventLoop loop = SelectorEventLoop.open()) {
                    int echoed = loop.runUntilComplete(() -> {
                        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                            s.setSoTimeout(30_000);
                            s.getOutputStream().write(42);
                            return s.getInputStream().read();
                        }
                    });
                    assertEquals(42, echoed, "round " + round);
                }
            }
            server.close();
            acceptor.join(10_000);
        }
    }

    private static String carrierName() {
        String description = Thread.currentThread().toString();   // VirtualThread[#n]/runnable@carrier
        int at = description.lastIndexOf('@');
        String carrier = at < 0 ? "" : description.substring(at + 1);
        assertNotEquals("", carrier);
        return carrier;
    }
}
