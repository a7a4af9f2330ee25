/**
 * Context variables with the semantics of Python's {@code contextvars}.
 *
 * <p>Role: a {@link org.jasyncio.context.Context} is a mapping from
 * {@link org.jasyncio.context.ContextVar}s to values; every task runs in a copy of its
 * creator's context and every callback runs in a copy of the context it was scheduled
 * from (unless it is given one explicitly).
 *
 * <p>Depends on: {@code org.jasyncio.internal.core.ExecState} only, to find the context
 * current on this thread. Threading: a {@code Context} may be read from any thread; the
 * current context is per thread (per task).
 */
package org.jasyncio.context;
