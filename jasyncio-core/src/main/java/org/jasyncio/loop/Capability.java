package org.jasyncio.loop;

/**
 * What a loop can do that depends on the platform, the loop kind or its {@link Backend}:
 * every row of asyncio's "Platform Support" page, and the parts of the loop API that vary
 * the same way. Ask a loop with {@link EventLoop#supports}, {@link EventLoop#capabilities}
 * and {@link EventLoop#whyNot}; a call a loop does not support throws
 * {@link UnsupportedOperationException} with the same explanation, naming the loop, the
 * platform and what to use instead.
 *
 * <p>Each feature of jasyncio answers for its own capabilities. A capability whose feature
 * is not part of this build is reported as unsupported, with that reason; the issue that
 * adds the feature is named on each constant.
 */
public enum Capability {
    /**
     * {@code addReader}/{@code addWriter} on sockets (as channels, or descriptors where
     * raw descriptors are supported). Seed: "ProactorEventLoop: add_reader() and
     * add_writer() are not supported". Issue 4.
     */
    ADD_READER_SOCKET("addReader/addWriter on sockets"),
    /**
     * {@code addReader}/{@code addWriter} on OS pipes and FIFOs given as descriptors (a
     * subprocess's stdio, a named pipe). A {@code java.nio.channels.Pipe} end is a channel
     * and works on every selector loop. Seed: "SelectorEventLoop on Windows: add_reader()
     * only accepts socket handles (pipe file descriptors are not supported)". Issue 4.
     */
    ADD_READER_PIPE("addReader/addWriter on OS pipes and FIFOs"),
    /**
     * {@code addReader}/{@code addWriter} on terminals, pseudo-terminals and other
     * character devices that report readiness. Devices that are always ready
     * ({@code /dev/null}, {@code /dev/zero}) are refused by epoll like regular files; poll
     * and select report them always ready. Seed: "macOS &lt;= 10.8: kqueue does not support
     * character devices". Issue 4.
     */
    ADD_READER_CHARACTER_DEVICE("addReader/addWriter on ttys and other character devices"),
    /**
     * {@code addReader}/{@code addWriter} on regular files: never supported, on any loop
     * (files are always ready). Use {@code runInExecutor} for file I/O. Seed: "All
     * Platforms: add_reader() and add_writer() cannot be used to monitor file I/O". Issue 4.
     */
    ADD_READER_REGULAR_FILE("addReader/addWriter on regular files (never)"),
    /**
     * The {@code int} descriptor overloads of {@code addReader}/{@code addWriter}: the FFM
     * backends (epoll, poll, select). The nio backend watches JDK channels only. Issue 4.
     */
    RAW_FILE_DESCRIPTORS("watching raw file descriptors"),
    /**
     * No fixed cap on descriptor numbers. select refuses descriptors at or above
     * FD_SETSIZE (1024). Seed: "SelectSelector ... is limited to 512 sockets". Issue 4.
     */
    UNLIMITED_DESCRIPTORS("descriptors without an FD_SETSIZE cap"),
    /**
     * The loop's clock advances in steps of 1 ms or less. Seed: "the resolution of the
     * monotonic clock on Windows is usually around 15.6 msec". Issue 4.
     */
    FINE_CLOCK("a monotonic clock with 1 ms resolution or better"),
    /**
     * {@code createUnixConnection}/{@code createUnixServer} on AF_UNIX paths. Seed:
     * "Windows: create_unix_connection() and create_unix_server() are not supported".
     * Issue 6.
     */
    UNIX_SOCKETS("Unix domain stream sockets"),
    /** Linux abstract-namespace AF_UNIX names (a leading NUL). Issue 6. */
    UNIX_ABSTRACT_NAMES("Unix sockets in the abstract namespace"),
    /** AF_UNIX datagram endpoints. Issue 6. */
    UNIX_DATAGRAM("Unix domain datagram endpoints"),
    /**
     * {@code addSignalHandler}/{@code removeSignalHandler}. Seed: "Windows:
     * add_signal_handler() and remove_signal_handler() are not supported". Issue 6.
     */
    SIGNAL_HANDLERS("signal handlers"),
    /** {@code connectReadPipe}. Seed: "SelectorEventLoop on Windows: pipes are not supported". Issue 6. */
    READ_PIPE("connectReadPipe"),
    /** {@code connectWritePipe}. Seed: "SelectorEventLoop on Windows: pipes are not supported". Issue 6. */
    WRITE_PIPE("connectWritePipe"),
    /**
     * {@code subprocessExec}/{@code subprocessShell}. Seed: "SelectorEventLoop on
     * Windows: subprocesses are not supported". Issue 6.
     */
    SUBPROCESSES("subprocesses"),
    /**
     * Child processes watched by the loop itself through a pidfd, with no helper thread.
     * Seed: "policy.set_child_watcher() is not supported on Windows". Issue 6.
     */
    PIDFD_CHILD_WATCHER("child processes watched with a pidfd");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** A short description for reports. */
    public String description() {
        return description;
    }
}
