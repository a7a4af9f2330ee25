/**
 * The entry points: the {@link org.jasyncio.AsyncIO} facade (asyncio's module-level
 * functions) and {@link org.jasyncio.Runner} (asyncio 3.11's {@code Runner}).
 *
 * <p>Depends on: the public packages, and {@code org.jasyncio.internal.signal} for Ctrl-C.
 * Threading: {@code run} runs the loop on the calling thread; the task-level functions
 * ({@code sleep}, {@code createTask}, ...) must be called inside a task.
 */
package org.jasyncio;
