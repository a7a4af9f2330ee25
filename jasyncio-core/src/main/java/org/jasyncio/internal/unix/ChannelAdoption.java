package org.jasyncio.internal.unix;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Optional;

/**
 * Turns an AF_UNIX stream descriptor made through FFM (bound to an abstract name) into
 * the JDK's own {@link ServerSocketChannel} or connected {@link SocketChannel}, so the
 * abstract namespace rides on the same transports, accept loop and {@code Server} as
 * paths, on every backend, nio included.
 *
 * <p>Design note: the JDK cannot name an abstract address ({@code UnixDomainSocketAddress}
 * refuses NUL), but once a descriptor is bound or connected its channels work on it: the
 * JDK builds channels around descriptors itself when it accepts, through constructors of
 * {@code sun.nio.ch.ServerSocketChannelImpl} and {@code SocketChannelImpl} that take a
 * {@link FileDescriptor} ({@code sun.nio.ch.IOUtil.newFD} makes one). Reaching them needs
 * {@code --add-opens java.base/sun.nio.ch}, the flag the FFM backends already need to read
 * a channel's descriptor. Such channels report an abstract name as an empty path; the
 * Unix code reports the real name where it knows it.
 */
final class ChannelAdoption {
    private static final MethodHandle NEW_FD;
    private static final MethodHandle NEW_SERVER;
    private static final MethodHandle NEW_CONNECTED;
    private static final String UNAVAILABLE;

    static {
        MethodHandle newFd = null;
        MethodHandle newServer = null;
        MethodHandle newConnected = null;
        String cause = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Method fd = Class.forName("sun.nio.ch.IOUtil").getDeclaredMethod("newFD", int.class);
            fd.setAccessible(true);
            newFd = lookup.unreflect(fd);
            Constructor<?> server = Class.forName("sun.nio.ch.ServerSocketChannelImpl").getDeclaredConstructor(
                    SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, boolean.class);
            server.setAccessible(true);
            newServer = lookup.unreflectConstructor(server).asType(MethodType.methodType(ServerSocketChannel.class,
                    SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, boolean.class));
            Constructor<?> connected = Class.forName("sun.nio.ch.SocketChannelImpl").getDeclaredConstructor(
                    SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, SocketAddress.class);
            connected.setAccessible(true);
            newConnected = lookup.unreflectConstructor(connected).asType(MethodType.methodType(SocketChannel.class,
                    SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, SocketAddress.class));
        } catch (RuntimeException | ReflectiveOperationException e) {
            Module module = ChannelAdoption.class.getModule();
            String who = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            cause = "wrapping an abstract-namespace socket in a JDK channel needs the JVM flag --add-opens "
                    + "java.base/sun.nio.ch=" + who + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            newFd = newServer = newConnected = null;
        }
        NEW_FD = newFd;
        NEW_SERVER = newServer;
        NEW_CONNECTED = newConnected;
        UNAVAILABLE = cause;
    }

    private ChannelAdoption() {
    }

    /** Why descriptors cannot become JDK channels in this JVM, or empty when they can. */
    static Optional<String> unavailabilityCause() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** A JDK server channel over {@code fd}, bound and listening; the channel owns it from now on. */
    static ServerSocketChannel listening(int fd) {
        require();
        try {
            return (ServerSocketChannel) NEW_SERVER.invokeExact(SelectorProvider.provider(),
                    (ProtocolFamily) StandardProtocolFamily.UNIX, descriptor(fd), true);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** A JDK channel over {@code fd}, connected; the channel owns it from now on. */
    static SocketChannel connected(int fd) {
        require();
        try {
            return (SocketChannel) NEW_CONNECTED.invokeExact(SelectorProvider.provider(),
                    (ProtocolFamily) StandardProtocolFamily.UNIX, descriptor(fd),
                    (SocketAddress) UnixDomainSocketAddress.of(""));
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    private static FileDescriptor descriptor(int fd) throws Throwable {
        return (FileDescriptor) NEW_FD.invokeExact(fd);
    }

    private static void require() {
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException(UNAVAILABLE);
        }
    }

    private static RuntimeException failure(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("cannot wrap the socket in a JDK channel: " + t, t);
    }
}
