package org.jasyncio.subprocess;

/**
 * What {@code subprocessExec}/{@code subprocessShell} return: asyncio's
 * {@code (transport, protocol)} pair.
 */
public record SubprocessConnection<P extends SubprocessProtocol>(SubprocessTransport transport, P protocol) {
}
