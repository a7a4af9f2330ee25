/**
 * JMH benchmarks of the loop core (issue 2): callSoon batch and chain, task switches,
 * timers, create+await of small tasks, and the memory of a parked task. The same
 * workloads, with the same counts, run in {@code bench/python/core_bench.py} so
 * {@code bench/run-core-bench} can print ratios against asyncio and uvloop.
 *
 * <p>Depends on the public jasyncio API and JMH only. Threading: each benchmark drives
 * one loop from the JMH thread ({@code runUntilComplete}); nothing is shared between
 * benchmark threads.
 */
package org.jasyncio.bench.core;
