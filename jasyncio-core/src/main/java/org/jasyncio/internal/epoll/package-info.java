/**
 * The Linux {@code epoll(7)} readiness backend (FFM), the default on Linux: raw
 * descriptors and JDK channels, eventfd wake-up, O(1) per ready descriptor.
 *
 * <p>Depends on: {@code org.jasyncio.internal.io}, {@code .fd} and {@code .ffm}; never on
 * another backend. Threading: loop thread, except {@code wakeup()}.
 */
package org.jasyncio.internal.epoll;
