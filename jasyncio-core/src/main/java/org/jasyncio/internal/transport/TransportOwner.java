package org.jasyncio.internal.transport;

/** A server that keeps track of the transports it accepted (asyncio's {@code Server._attach/_detach}). */
public interface TransportOwner {
    void attach(SelectorSocketTransport transport);

    /** The transport's connection is lost and its socket closed. */
    void detach(SelectorSocketTransport transport);
}
