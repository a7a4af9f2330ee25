/**
 * Synchronization primitives and queues for tasks: asyncio's {@code Lock}, {@code Event},
 * {@code Condition}, {@code Semaphore}, {@code BoundedSemaphore}, {@code Barrier},
 * {@code Queue}, {@code PriorityQueue} and {@code LifoQueue}.
 *
 * <p>Role: coordinate tasks of one loop. None of them blocks a thread: waiting parks the
 * task on a {@link org.jasyncio.task.Future} and lets the loop run others. Waiters are
 * served first come, first served, and a waiter cancelled at the wrong moment (after it
 * was handed a permit, a lock, an item or a wake-up, but before it ran) passes what it
 * was handed to the next waiter: nothing is ever lost.
 *
 * <p>Acquiring returns a {@link org.jasyncio.sync.Held} for try-with-resources, which
 * cannot leak: {@code acquire()} either returns holding the permit or throws holding
 * nothing, and nothing can interrupt the task between the return and the {@code try}.
 *
 * <p>Depends on: only the public API — {@code org.jasyncio.AsyncIO},
 * {@code org.jasyncio.task} ({@code Future}, {@code Task}, {@code CancelledException}) and
 * {@code org.jasyncio.loop.EventLoop} (Trio's rule: the primitives dogfood the core; no
 * {@code internal} import). Threading: loop-confined, like asyncio's: a primitive binds to
 * the loop of the first task that has to wait on it and refuses any other; none is
 * thread-safe (use {@code loop.callSoonThreadsafe} to reach one from another thread).
 */
package org.jasyncio.sync;
