package org.jasyncio.cli;

import java.nio.ByteBuffer;

import org.jasyncio.transport.Protocol;
import org.jasyncio.transport.Transport;

/**
 * The protocol echo: every byte received is written straight back. {@code dataReceived}
 * gets a view of the loop's read buffer and hands it to {@code write}, which tries the
 * socket at once and copies only what the socket does not take: no copy on the common path.
 * Reading pauses while the transport's write buffer is above its high-water mark, so a
 * client that sends without reading cannot make the server buffer without bound.
 */
final class EchoProtocol implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public void pauseWriting() {
        transport.pauseReading();
    }

    @Override
    public void resumeWriting() {
        transport.resumeReading();
    }
}
