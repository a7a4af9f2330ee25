/**
 * The event loop's public contract: asyncio's {@code AbstractEventLoop} and its helpers.
 *
 * <p>Role: {@link org.jasyncio.loop.EventLoop} is what every loop offers (grouped as in
 * asyncio's documentation); {@link org.jasyncio.loop.SelectorEventLoop} opens a readiness
 * loop on a chosen {@link org.jasyncio.loop.Backend}; {@link org.jasyncio.loop.Handle} and
 * {@link org.jasyncio.loop.TimerHandle} cancel scheduled callbacks;
 * {@link org.jasyncio.loop.ExceptionContext} is what an exception handler receives.
 *
 * <p>Depends on: {@code org.jasyncio.task} and {@code org.jasyncio.context} for types in
 * signatures; factories reach {@code org.jasyncio.internal.core} to build loops.
 * Threading: a loop belongs to the thread that runs it. Only methods named
 * {@code ...Threadsafe}, {@link org.jasyncio.loop.EventLoop#stop()} and the read-only
 * queries may be called from other threads; other calls from a foreign thread throw
 * {@link java.lang.IllegalStateException} while the loop runs.
 */
package org.jasyncio.loop;
