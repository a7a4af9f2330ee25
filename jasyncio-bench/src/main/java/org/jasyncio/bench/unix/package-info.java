/**
 * Unix-socket benchmarks: echo round trips over AF_UNIX paths and abstract names against
 * TCP loopback, the same scenario as {@code bench/python/unix_bench.py}. Benchmarks run on
 * the benchmark thread, each in its own loop.
 */
package org.jasyncio.bench.unix;
