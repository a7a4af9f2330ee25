/**
 * The {@code select(2)} readiness backend (FFM): asyncio's {@code SelectSelector},
 * limited to descriptors below FD_SETSIZE (1024).
 *
 * <p>Depends on: {@code org.jasyncio.internal.io}, {@code .fd} and {@code .ffm}; never on
 * another backend. Threading: loop thread, except {@code wakeup()}.
 */
package org.jasyncio.internal.select;
