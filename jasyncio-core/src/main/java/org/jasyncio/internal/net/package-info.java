/**
 * The loop's networking: the low-level {@code sock*} operations, name resolution
 * ({@code getaddrinfo}/{@code getnameinfo} through the default executor), outgoing
 * connections with Happy Eyeballs (RFC 8305), listening servers with their accept loop,
 * and datagram endpoints. {@link org.jasyncio.internal.net.NetworkOps} is the per-loop
 * entry point a selector loop delegates its network methods to.
 *
 * <p>Every awaiting operation parks the calling task on a loop {@code Future}; nothing
 * here blocks the loop thread (DNS runs in the executor, sockets are non-blocking).
 *
 * <p>Depends on: the public API ({@code loop}, {@code task}, {@code transport},
 * {@code net}), {@code internal.io} (the backend seam) and {@code internal.transport}
 * (the transports). Threading: loop thread (and tasks of the loop); the resolver's
 * blocking calls run on executor threads and touch no loop state.
 */
package org.jasyncio.internal.net;
