package org.jasyncio.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

import org.jasyncio.net.AddressResolutionException;
import org.jasyncio.net.BrokenPipeException;
import org.jasyncio.net.ConnectionAbortedException;
import org.jasyncio.net.ConnectionRefusedException;
import org.jasyncio.net.ConnectionResetException;
import org.jasyncio.net.NetworkException;
import org.jasyncio.net.NetworkTimeoutException;
import org.junit.jupiter.api.Test;

/** The JDK's socket exceptions mapped to asyncio's meaning, cause kept. */
class NetErrorsTest {

    @Test
    void mapsByTypeAndMessage() {
        assertInstanceOf(ConnectionRefusedException.class, NetErrors.map(new ConnectException("Connection refused")));
        assertInstanceOf(NetworkTimeoutException.class, NetErrors.map(new ConnectException("Connection timed out")));
        assertInstanceOf(ConnectionRefusedException.class, NetErrors.map(new PortUnreachableException()));
        assertInstanceOf(ConnectionResetException.class, NetErrors.map(new SocketException("Connection reset")));
        assertInstanceOf(ConnectionResetException.class, NetErrors.map(new IOException("Connection reset by peer")));
        assertInstanceOf(BrokenPipeException.class, NetErrors.map(new IOException("Broken pipe")));
        assertInstanceOf(ConnectionAbortedException.class,
                NetErrors.map(new IOException("Software caused connection abort")));
        assertInstanceOf(AddressResolutionException.class, NetErrors.map(new UnknownHostException("x.invalid")));
        NetworkException route = NetErrors.map(new NoRouteToHostException("No route to host"));
        assertEquals(NetworkException.class, route.getClass());
        assertEquals(NetworkException.class, NetErrors.map(new IOException("Address already in use")).getClass());
    }

    @Test
    void keepsTheCauseAndAddsContext() {
        IOException cause = new ConnectException("Connection refused");
        NetworkException e = NetErrors.map(cause, "Connect call failed /127.0.0.1:1");
        assertSame(cause, e.getCause());
        assertEquals("Connect call failed /127.0.0.1:1: Connection refused", e.getMessage());
        assertTrue(NetErrors.map(new ClosedChannelException()).getMessage().contains("Bad file descriptor"));
    }

    @Test
    void outOfResources() {
        assertTrue(NetErrors.isOutOfResources(new IOException("Too many open files")));
        assertTrue(NetErrors.isOutOfResources(new IOException("Too many open files in system")));
        assertTrue(NetErrors.isOutOfResources(new IOException("No buffer space available")));
        assertTrue(NetErrors.isOutOfResources(new IOException("Cannot allocate memory")));
        assertFalse(NetErrors.isOutOfResources(new IOException("Connection reset by peer")));
        assertFalse(NetErrors.isOutOfResources(new IOException()));
    }
}
