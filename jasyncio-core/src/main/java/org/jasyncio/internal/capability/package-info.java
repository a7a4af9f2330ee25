/**
 * How loops answer {@link org.jasyncio.loop.Capability} questions: each feature module
 * implements a {@link org.jasyncio.internal.capability.CapabilityProvider} for the
 * capabilities it provides; {@link org.jasyncio.internal.capability.CapabilityAnswers}
 * combines the providers of this build for one loop.
 *
 * <p>Depends on: the public {@code org.jasyncio.loop} types only. The list of providers
 * lives with the loop core ({@code internal.core.CapabilityRegistry}). Threading:
 * immutable once built; any thread.
 */
package org.jasyncio.internal.capability;
