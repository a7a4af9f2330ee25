/**
 * JMH benchmarks of the readiness backends themselves (nio, epoll, poll, select) below
 * the loop: what one wait costs with many idle registrations, so the backends can be
 * compared without transports or tasks in the way.
 *
 * <p>Depends on the public jasyncio API (backend selection by {@code Backend}) and JMH.
 * Threading: each benchmark uses its backend from the JMH thread only.
 */
package org.jasyncio.bench.backend;
