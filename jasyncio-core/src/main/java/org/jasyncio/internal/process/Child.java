package org.jasyncio.internal.process;

/**
 * A started child as the subprocess transport sees it, whatever the strategy: its pid,
 * signals, and the end of watching it. The child reports its exit to the
 * {@link ExitListener} given when it was started, once, on the loop thread.
 */
interface Child {

    /** Told, on the loop thread, that the child was reaped. */
    interface ExitListener {
        /** {@code returncode}: the exit code, or {@code -signal} when a signal ended it. */
        void exited(int returncode);
    }

    int pid();

    /** Sends {@code signal} if the child has not been reaped yet (no-op after). */
    void sendSignal(int signal);

    /**
     * The loop is closing with the child still watched: kill it, reap it now and release
     * what watching it holds, without calling the listener.
     */
    void closeOnLoopClose();
}
