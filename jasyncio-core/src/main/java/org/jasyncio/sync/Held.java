package org.jasyncio.sync;

/**
 * What {@code acquire()} returns: closing it releases what was acquired. Made for
 * try-with-resources, asyncio's {@code async with lock:}.
 *
 * <pre>{@code
 * try (Held held = lock.acquire()) {
 *     ... // the lock is held here, and released however the block ends
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Held extends AutoCloseable {
    /** Releases what was acquired; call it once. */
    @Override
    void close();
}
