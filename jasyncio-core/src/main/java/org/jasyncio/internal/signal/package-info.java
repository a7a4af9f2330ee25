/**
 * Process signals through {@code sun.misc.Signal} (module {@code jdk.unsupported}).
 *
 * <p>Role: install and restore JVM-level handlers, refuse the signals the JVM owns and
 * report signals ignored since the process started. Handlers run on the JVM's signal
 * dispatch thread; callers forward them to a loop with {@code callSoonThreadsafe}.
 *
 * <p>Depends on: nothing else in jasyncio. Threading: any thread.
 */
package org.jasyncio.internal.signal;
