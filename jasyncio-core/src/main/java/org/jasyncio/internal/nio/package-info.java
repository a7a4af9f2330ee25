/**
 * The portable readiness backend over the JDK's {@link java.nio.channels.Selector}
 * (epoll on Linux, kqueue on macOS, wepoll on Windows).
 *
 * <p>Depends on: {@code org.jasyncio.internal.io} only. Threading: loop thread, except
 * {@code wakeup()}.
 */
package org.jasyncio.internal.nio;
