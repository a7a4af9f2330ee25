/**
 * Peer servers for the network benchmark harness ({@code bench/network/run-network-bench}):
 * Netty echo and HTTP/1.1 keep-alive servers on one event-loop thread, over Netty's native
 * epoll transport or its NIO transport, so that jasyncio's servers are measured side by
 * side with them in the same run.
 *
 * <p>Depends on Netty only (a dependency of this benchmark module, never of jasyncio-core).
 * Threading: each server runs a single Netty event loop that both accepts and serves, the
 * same shape as the single-threaded C, asyncio, uvloop, Node and jasyncio servers it is
 * compared with; handlers run only on that thread.
 */
package org.jasyncio.bench.network;
