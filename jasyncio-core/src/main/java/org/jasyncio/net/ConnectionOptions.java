package org.jasyncio.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The keyword arguments of asyncio's {@code create_connection}, with its defaults
 * ({@link #DEFAULTS}). Build by chaining: {@code ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(Duration.ofMillis(250))}.
 *
 * @param family             restrict resolution to one family ({@code family=}); {@link AddressFamily#UNSPEC} by default
 * @param flags              {@code getaddrinfo} flags ({@link AddressInfo}{@code .AI_*}); 0 by default
 * @param localAddr          bind the socket here before connecting ({@code local_addr=}); an
 *                           unresolved address is resolved like the remote one; {@code null} by default
 * @param happyEyeballsDelay start the next address attempt after this long (RFC 8305
 *                           "Connection Attempt Delay"; asyncio recommends 250 ms); {@code null}
 *                           (the default) tries the addresses one after another
 * @param interleave         reorder addresses by family, this many of the first family first
 *                           (RFC 8305 "First Address Family Count"); {@code null} means 1 when
 *                           {@code happyEyeballsDelay} is set, else no reordering; 0 never reorders
 * @param allErrors          on failure throw a {@link NetworkExceptionGroup} with every attempt's
 *                           error instead of one error
 */
public record ConnectionOptions(AddressFamily family, int flags, InetSocketAddress localAddr,
        Duration happyEyeballsDelay, Integer interleave, boolean allErrors) {

    /** asyncio's defaults. */
    public static final ConnectionOptions DEFAULTS = new ConnectionOptions(AddressFamily.UNSPEC, 0, null, null, null,
            false);

    public ConnectionOptions {
        Objects.requireNonNull(family, "family");
        if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
            throw new IllegalArgumentException("happyEyeballsDelay must not be negative: " + happyEyeballsDelay);
        }
        if (interleave != null && interleave < 0) {
            throw new IllegalArgumentException("interleave must be >= 0 (or null): " + interleave);
        }
    }

    public ConnectionOptions withFamily(AddressFamily value) {
        return new ConnectionOptions(value, flags, localAddr, happyEyeballsDelay, interleave, allErrors);
    }

    public ConnectionOptions withFlags(int value) {
        return new ConnectionOptions(family, value, localAddr, happyEyeballsDelay, interleave, allErrors);
    }

    public ConnectionOptions withLocalAddr(InetSocketAddress value) {
        return new ConnectionOptions(family, flags, value, happyEyeballsDelay, interleave, allErrors);
    }

    public ConnectionOptions withHappyEyeballsDelay(Duration value) {
        return new ConnectionOptions(family, flags, localAddr, value, interleave, allErrors);
    }

    public ConnectionOptions withInterleave(Integer value) {
        return new ConnectionOptions(family, flags, localAddr, happyEyeballsDelay, value, allErrors);
    }

    public ConnectionOptions withAllErrors(boolean value) {
        return new ConnectionOptions(family, flags, localAddr, happyEyeballsDelay, interleave, value);
    }

    /** The interleave count asyncio uses: {@code interleave}, or 1 under Happy Eyeballs, else 0. */
    public int effectiveInterleave() {
        if (interleave != null) {
            return interleave;
        }
        return happyEyeballsDelay != null ? 1 : 0;
    }
}
