package org.jasyncio.transport;

import java.util.Objects;

/**
 * What {@code loop.connectReadPipe(...)} returns: asyncio's {@code (transport, protocol)}
 * pair for the read end of a pipe. The transport owns the pipe and closes it when it
 * closes; {@code transport.getExtraInfo("pipe")} is the pipe that was given.
 */
public record ReadPipe<P extends StreamProtocol>(ReadTransport transport, P protocol) {
    public ReadPipe {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
