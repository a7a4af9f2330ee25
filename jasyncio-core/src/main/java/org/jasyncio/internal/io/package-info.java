/**
 * The seam between the loop core and the I/O backends.
 *
 * <p>Role: {@link org.jasyncio.internal.io.IoBackend} is the one small contract every
 * backend implements (wait with a timeout and dispatch, wake up from any thread, close);
 * {@link org.jasyncio.internal.io.BackendFactory} is the one place that knows the
 * concrete backends, reports whether each is available here, and picks the default.
 *
 * <p>Depends on: the public {@code org.jasyncio.loop.Backend} enum; only
 * {@code BackendFactory} imports concrete backend packages. Threading: a backend belongs
 * to its loop thread except {@code wakeup()}, which is thread-safe.
 */
package org.jasyncio.internal.io;
