package org.jasyncio.loop;

/** A callback scheduled for a time ({@link EventLoop#callLater}, {@link EventLoop#callAt}). */
public interface TimerHandle extends Handle {
    /** When it is due, in the loop's {@link EventLoop#time()} seconds. */
    double when();
}
