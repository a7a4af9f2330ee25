/**
 * What the FFM readiness backends (epoll, poll, select) share: resolving a
 * {@link org.jasyncio.internal.io.Pollable} to a descriptor and refusing regular files
 * ({@link org.jasyncio.internal.fd.FdSource}), a JDK channel's descriptor
 * ({@link org.jasyncio.internal.fd.ChannelDescriptors}), the registration and its
 * fd-indexed table, the eventfd wake-up, and dispatch after a scan.
 *
 * <p>Depends on: {@code org.jasyncio.internal.io} (the seam) and
 * {@code org.jasyncio.internal.ffm} (libc). Never on a concrete backend. Threading: loop
 * thread, except {@link org.jasyncio.internal.fd.WakeupFd#signal()}, which any thread
 * may call.
 */
package org.jasyncio.internal.fd;
