/**
 * The platform report: live probes that check, on this machine, every answer of the
 * capability matrix ({@link org.jasyncio.loop.CapabilityMatrix}) by running the operation
 * on every available backend. {@code jasyncio platform} prints it (docs/platform-report.md).
 *
 * <p>Role: {@link org.jasyncio.platform.PlatformReport#probe()} runs the probes and returns
 * plain records; rendering belongs to the caller. Depends on: the public loop API; the
 * probes themselves live in {@code org.jasyncio.internal.probe}. Threading: a report is
 * immutable; {@code probe()} runs each probe on a loop of its own, on a thread of its own,
 * and returns when every probe finished or ran out of time.
 */
package org.jasyncio.platform;
