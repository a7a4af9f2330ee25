package org.jasyncio.transport;

/**
 * Callbacks every protocol receives: asyncio's {@code BaseProtocol}. All are no-ops by
 * default. They run on the loop thread; an exception thrown from one is reported to the
 * loop's exception handler and, from a data callback, closes the transport.
 *
 * @param <T> the transport this protocol is connected to
 */
public interface BaseProtocol<T extends BaseTransport> {

    /** The connection is made; {@code transport} is this protocol's transport from now on. */
    default void connectionMade(T transport) {
    }

    /**
     * The connection is lost or closed: {@code exc} is {@code null} after a regular close
     * or end of stream, else the error (a {@link org.jasyncio.net.NetworkException}, or
     * what a protocol callback threw). Called exactly once, after {@link #connectionMade}.
     */
    default void connectionLost(Throwable exc) {
    }

    /** The transport's write buffer grew above its high-water mark: stop writing for now. */
    default void pauseWriting() {
    }

    /** The write buffer drained to the low-water mark: writing may continue. */
    default void resumeWriting() {
    }
}
