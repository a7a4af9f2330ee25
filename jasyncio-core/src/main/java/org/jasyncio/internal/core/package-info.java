/**
 * The loop core: one run loop shared by every loop kind and backend.
 *
 * <p>Role: {@link org.jasyncio.internal.core.BaseLoop} runs asyncio's iteration (poll the
 * I/O backend, move due timers and thread-safe arrivals to the ready queue, run what was
 * ready when the iteration began); {@link org.jasyncio.internal.core.CoroutineScheduler}
 * runs tasks as virtual threads whose scheduler is the loop (or, when the JVM flag is
 * missing, as threads that pass a baton). {@link org.jasyncio.internal.core.SelectorLoop}
 * adds readiness I/O: {@code ReaderWriterTable} holds {@code addReader}/{@code addWriter}
 * callbacks. {@code CapabilityRegistry} lists the capability providers of the features in
 * this build. See docs/architecture.md for the iteration stages and the design notes in
 * each class.
 *
 * <p>Depends on: the public API ({@code org.jasyncio.loop}, {@code .task},
 * {@code .context}), the backend seam {@code org.jasyncio.internal.io} and
 * {@code org.jasyncio.internal.capability}. Never on a concrete backend. Threading: everything here is confined to the loop thread except
 * {@link org.jasyncio.internal.core.InboundQueue} and the executor entry point of the
 * scheduler, which any thread may call.
 */
package org.jasyncio.internal.core;
