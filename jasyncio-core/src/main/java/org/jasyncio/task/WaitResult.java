package org.jasyncio.task;

import java.util.Set;

/**
 * What {@code AsyncIO.wait} returns: asyncio's {@code (done, pending)} pair. Both sets keep
 * the order in which the futures were given.
 *
 * @param done    the futures that are done (or cancelled)
 * @param pending the futures that are not
 * @param <F>     the kind of future given
 */
public record WaitResult<F extends Future<?>>(Set<F> done, Set<F> pending) {
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(done);
        pending = java.util.Collections.unmodifiableSet(pending);
    }
}
