/**
 * The {@code poll(2)} readiness backend (FFM): asyncio's {@code PollSelector}, no
 * descriptor limit, cost proportional to the number of registrations per wait.
 *
 * <p>Depends on: {@code org.jasyncio.internal.io}, {@code .fd} and {@code .ffm}; never on
 * another backend. Threading: loop thread, except {@code wakeup()}.
 */
package org.jasyncio.internal.poll;
