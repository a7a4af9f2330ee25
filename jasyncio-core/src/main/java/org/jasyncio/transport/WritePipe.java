package org.jasyncio.transport;

import java.util.Objects;

/**
 * What {@code loop.connectWritePipe(...)} returns: asyncio's {@code (transport, protocol)}
 * pair for the write end of a pipe. The transport owns the pipe and closes it when it
 * closes (after flushing: {@code close()} is {@code writeEof()} for a pipe);
 * {@code transport.getExtraInfo("pipe")} is the pipe that was given.
 */
public record WritePipe<P extends BaseProtocol<? super Transport>>(WriteTransport transport, P protocol) {
    public WritePipe {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
