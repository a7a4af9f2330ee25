package org.jasyncio.subprocess;

/**
 * The process is gone: asyncio's {@code ProcessLookupError}, raised when signalling a
 * child through a closed transport.
 */
public final class ProcessLookupException extends RuntimeException {
    public ProcessLookupException(String message) {
        super(message);
    }
}
