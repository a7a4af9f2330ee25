package org.jasyncio.net;

import java.util.Objects;

/**
 * The keyword arguments of asyncio's {@code create_server}, with its defaults
 * ({@link #DEFAULTS}).
 *
 * @param family       restrict the bound addresses to one family; {@link AddressFamily#UNSPEC} by default
 * @param flags        {@code getaddrinfo} flags; {@link AddressInfo#AI_PASSIVE} by default
 * @param backlog      the listen queue length; 100 by default
 * @param reuseAddress set {@code SO_REUSEADDR}; {@code null} (the default) means the platform
 *                     default: on everywhere but Windows, as asyncio
 * @param reusePort    set {@code SO_REUSEPORT} so several sockets (processes) share the port
 * @param keepAlive    enable {@code SO_KEEPALIVE} on accepted connections
 * @param startServing start accepting at once (default); with {@code false} call
 *                     {@code Server.startServing()} or {@code serveForever()} later
 */
public record ServerOptions(AddressFamily family, int flags, int backlog, Boolean reuseAddress, boolean reusePort,
        boolean keepAlive, boolean startServing) {

    /** asyncio's defaults. */
    public static final ServerOptions DEFAULTS = new ServerOptions(AddressFamily.UNSPEC, AddressInfo.AI_PASSIVE, 100,
            null, false, false, true);

    public ServerOptions {
        Objects.requireNonNull(family, "family");
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
    }

    public ServerOptions withFamily(AddressFamily value) {
        return new ServerOptions(value, flags, backlog, reuseAddress, reusePort, keepAlive, startServing);
    }

    public ServerOptions withFlags(int value) {
        return new ServerOptions(family, value, backlog, reuseAddress, reusePort, keepAlive, startServing);
    }

    public ServerOptions withBacklog(int value) {
        return new ServerOptions(family, flags, value, reuseAddress, reusePort, keepAlive, startServing);
    }

    public ServerOptions withReuseAddress(Boolean value) {
        return new ServerOptions(family, flags, backlog, value, reusePort, keepAlive, startServing);
    }

    public ServerOptions withReusePort(boolean value) {
        return new ServerOptions(family, flags, backlog, reuseAddress, value, keepAlive, startServing);
    }

    public ServerOptions withKeepAlive(boolean value) {
        return new ServerOptions(family, flags, backlog, reuseAddress, reusePort, value, startServing);
    }

    public ServerOptions withStartServing(boolean value) {
        return new ServerOptions(family, flags, backlog, reuseAddress, reusePort, keepAlive, value);
    }

    /** Whether {@code SO_REUSEADDR} is set: {@code reuseAddress}, or the platform default. */
    public boolean effectiveReuseAddress() {
        if (reuseAddress != null) {
            return reuseAddress;
        }
        return !System.getProperty("os.name", "").startsWith("Windows");
    }
}
