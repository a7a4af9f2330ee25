/**
 * Process signals through {@code sun.misc.Signal} (module {@code jdk.unsupported}):
 * asyncio's {@code add_signal_handler}/{@code remove_signal_handler} and the Ctrl-C
 * handling of {@code Runner}.
 *
 * <p>Role: {@link org.jasyncio.internal.signal.LoopSignalHandlers} is one loop's table
 * (the loop delegates to it one for one); {@link org.jasyncio.internal.signal.SignalDispatcher}
 * owns the process-wide JVM handlers and restores the previous ones;
 * {@link org.jasyncio.internal.signal.SignalRefusals} says which signals are refused and
 * why; {@link org.jasyncio.internal.signal.SignalDispositions} tells whether a signal was
 * ignored at start; {@link org.jasyncio.internal.signal.JvmSignals} is the thin install/
 * restore facility {@code Runner} uses for SIGINT;
 * {@link org.jasyncio.internal.signal.SignalCapabilities} answers
 * {@code Capability.SIGNAL_HANDLERS}. docs/signals.md is the user-facing summary.
 *
 * <p>Depends on: the public {@code loop} and {@code context} types, {@code internal.ffm}
 * ({@code Signals}: sigaction, kill) and {@code internal.capability}. Threading: JVM
 * handlers run on the JVM's signal threads and reach loops only through
 * {@code callSoonThreadsafe}; process-wide installs are serialized by one lock.
 */
package org.jasyncio.internal.signal;
