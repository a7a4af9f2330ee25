/**
 * JMH benchmarks of {@code org.jasyncio.stream}: what streams cost over a plain protocol,
 * for the same echo exchange in one loop.
 *
 * <p>Depends on the public jasyncio API and JMH. Threading: each benchmark drives one loop
 * from the JMH thread ({@code runUntilComplete}).
 */
package org.jasyncio.bench.stream;
