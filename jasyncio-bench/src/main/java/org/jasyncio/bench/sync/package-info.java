/**
 * JMH benchmarks of the task API and the synchronization primitives, run side by side
 * with CPython asyncio and uvloop by {@code bench/run-sync-bench} (the Python side is
 * {@code bench/python/sync_bench.py}, with the same operation counts).
 *
 * <p>Each benchmark method runs one whole scenario on a loop made once per trial and
 * reports items (or operations) per second through {@code @OperationsPerInvocation}.
 * Depends on: the public jasyncio API only. Threading: JMH's benchmark thread runs the loop.
 */
package org.jasyncio.bench.sync;
