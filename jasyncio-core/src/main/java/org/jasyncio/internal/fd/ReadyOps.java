package org.jasyncio.internal.fd;

import org.jasyncio.internal.ffm.Poll;
import org.jasyncio.internal.io.ReadinessBackend;

/**
 * Kernel readiness bits to {@link ReadinessBackend#READ}/{@link ReadinessBackend#WRITE}.
 * epoll's {@code EPOLLIN/PRI/OUT/ERR/HUP} have the same values as poll's
 * {@code POLLIN/PRI/OUT/ERR/HUP} on Linux, so one mapping serves both.
 */
public final class ReadyOps {
    private ReadyOps() {
    }

    /** Error, hang-up or an invalid descriptor count as ready for both sides: the owner's next call meets it. */
    public static int fromPollEvents(int events) {
        if ((events & (Poll.POLLERR | Poll.POLLHUP | Poll.POLLNVAL)) != 0) {
            return ReadinessBackend.READ | ReadinessBackend.WRITE;
        }
        int ops = 0;
        if ((events & (Poll.POLLIN | Poll.POLLPRI)) != 0) {
            ops |= ReadinessBackend.READ;
        }
        if ((events & Poll.POLLOUT) != 0) {
            ops |= ReadinessBackend.WRITE;
        }
        return ops;
    }
}
