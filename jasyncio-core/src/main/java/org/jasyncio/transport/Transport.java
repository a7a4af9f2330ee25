package org.jasyncio.transport;

/** A bidirectional stream transport (a TCP connection): asyncio's {@code Transport}. */
public interface Transport extends ReadTransport, WriteTransport {
}
