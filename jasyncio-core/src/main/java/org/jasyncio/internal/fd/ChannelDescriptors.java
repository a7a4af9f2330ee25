package org.jasyncio.internal.fd;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.channels.SelectableChannel;
import java.util.Optional;

/**
 * The file descriptor behind a JDK channel, so the FFM backends can watch channels too.
 *
 * <p>The JDK's selectable channels implement {@code sun.nio.ch.SelChImpl}, whose
 * {@code getFDVal()} returns the descriptor. That package is not exported: reading it
 * needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (on the module path,
 * {@code =org.jasyncio}). Without the flag, raw descriptors still work and registering a
 * channel fails with a message naming the flag.
 */
public final class ChannelDescriptors {
    private static final Class<?> SEL_CH_IMPL;
    private static final MethodHandle GET_FD_VAL;
    private static final String UNAVAILABLE;

    static {
        Class<?> type = null;
        MethodHandle getter = null;
        String cause = null;
        try {
            type = Class.forName("sun.nio.ch.SelChImpl");
            Method method = type.getMethod("getFDVal");
            method.setAccessible(true);
            getter = MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(int.class, Object.class));
        } catch (RuntimeException | ReflectiveOperationException e) {
            Module module = ChannelDescriptors.class.getModule();
            String who = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            cause = "reading a JDK channel's file descriptor needs the JVM flag --add-opens java.base/sun.nio.ch="
                    + who + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            type = null;
            getter = null;
        }
        SEL_CH_IMPL = type;
        GET_FD_VAL = getter;
        UNAVAILABLE = cause;
    }

    private ChannelDescriptors() {
    }

    /** Why channels cannot be turned into descriptors in this JVM, or empty when they can. */
    public static Optional<String> unavailabilityCause() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /**
     * The descriptor of {@code channel}.
     *
     * @throws UnsupportedOperationException if the JVM flag is missing, or the channel is
     *         not one of the JDK's own (its descriptor is unknown); the message says what to do
     */
    public static int fdOf(SelectableChannel channel, String backend) {
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException("the " + backend + " backend cannot watch " + channel + ": "
                    + UNAVAILABLE + "; or use the nio backend, which watches channels without it");
        }
        if (!SEL_CH_IMPL.isInstance(channel)) {
            throw new UnsupportedOperationException("the " + backend + " backend cannot watch " + channel
                    + ": it is not one of the JDK's socket or pipe channels, so its file descriptor is unknown; "
                    + "use the nio backend for custom SelectableChannel implementations");
        }
        try {
            return (int) GET_FD_VAL.invokeExact((Object) channel);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot read the file descriptor of " + channel, t);
        }
    }
}
