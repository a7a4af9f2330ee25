package org.jasyncio;

/**
 * The run was interrupted by the user (Ctrl-C, SIGINT): asyncio's {@code KeyboardInterrupt}
 * as {@link Runner#run} raises it after cancelling the main task.
 */
public class KeyboardInterruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyboardInterruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
