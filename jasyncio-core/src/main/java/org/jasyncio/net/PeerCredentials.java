package org.jasyncio.net;

/**
 * The credentials of the process at the other end of a Unix domain socket, as the kernel
 * recorded them when it connected ({@code SO_PEERCRED}): a Unix stream transport's
 * {@code getExtraInfo("peercred")}. Present on Linux where the FFM bindings run (see
 * {@code Capability.UNIX_SOCKETS}); elsewhere the extra info is absent.
 *
 * @param pid the peer's process id
 * @param uid its effective user id (unsigned, as a {@code long})
 * @param gid its effective group id (unsigned, as a {@code long})
 */
public record PeerCredentials(int pid, long uid, long gid) {
    /** The extra-info name: {@code transport.getExtraInfo(PeerCredentials.EXTRA_INFO)}. */
    public static final String EXTRA_INFO = "peercred";
}
