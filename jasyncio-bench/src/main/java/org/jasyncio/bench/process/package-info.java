/**
 * JMH benchmarks of {@code org.jasyncio.subprocess}: starting and reaping children, and
 * bytes through a child's stdout, for each child-watching strategy (pidfd on epoll,
 * threaded on nio). {@code bench/python/subprocess_bench.py} runs the same scenarios on
 * CPython asyncio and uvloop; docs/subprocesses.md has the figures.
 *
 * <p>Depends on the public jasyncio API and JMH. Threading: each benchmark drives one loop
 * from the JMH thread ({@code runUntilComplete}).
 */
package org.jasyncio.bench.process;
