package org.jasyncio.internal.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.jasyncio.internal.ffm.ErrnoException;
import org.jasyncio.internal.ffm.Native;
import org.jasyncio.internal.ffm.UnixSockets;
import org.jasyncio.net.AddressInUseException;

/**
 * The file a path-bound Unix server socket lives in: replacing a stale one before
 * binding, never a live one, and removing ours when the server closes.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Stale or live. asyncio unlinks any socket file in the way, which silently steals
 *       the path of a server that still runs (its clients then reach the new server).
 *       Here the file is probed first with a non-blocking connect: refused means nobody
 *       listens (stale: removed, as asyncio); connected or pending means a live server
 *       (refused with {@link AddressInUseException}). The probe connection is closed at
 *       once, so the live server sees one connection that ends immediately.</li>
 *   <li>Ours or not. When the server closes, the file is removed only if it is still the
 *       file this server bound: same file key (device and inode on Unix, as asyncio 3.13
 *       compares {@code st_ino}). Someone who removed it and bound their own socket there
 *       keeps theirs.</li>
 * </ul>
 */
final class SocketFiles {
    private static final System.Logger LOG = System.getLogger("org.jasyncio");

    private SocketFiles() {
    }

    /**
     * Prepares {@code path} for binding: nothing there, or a socket file nobody listens on
     * (removed). A file of another kind is left alone (the bind then fails with "already
     * in use", as in asyncio).
     *
     * @throws AddressInUseException if a server accepts connections on {@code path}
     */
    static void clearStale(Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "Unable to check or remove stale UNIX socket " + path + ": " + e);
            return;
        }
        if (!isSocket(path, attrs)) {
            return;
        }
        Probe probe = probe(path);
        if (probe == Probe.UNKNOWN) {
            return;   // cannot tell (e.g. no permission): leave it; binding reports what is wrong
        }
        if (probe == Probe.LIVE) {
            throw new AddressInUseException("Address '" + path + "' is already in use: a server is listening on "
                    + "it (it accepted a test connection); stop that server or choose another path");
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "Unable to check or remove stale UNIX socket " + path + ": " + e);
        }
    }

    /** Whether {@code path} is a socket file (the file type bits, where the platform reports them). */
    private static boolean isSocket(Path path, BasicFileAttributes attrs) {
        if (!attrs.isOther()) {
            return false;
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true;   // no "unix" view (Windows): an "other" file where a socket is bound is one
        }
    }

    enum Probe { LIVE, STALE, UNKNOWN }

    /** A non-blocking connect to {@code path}: connected or pending is a live server, refused a stale file. */
    static Probe probe(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return Probe.LIVE;   // connected, or queued (pending): a listener is there
        } catch (java.net.ConnectException refused) {
            return Probe.STALE;
        } catch (IOException e) {
            String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (text.contains("wrong type")) {
                return probeDatagram(path);   // EPROTOTYPE: a datagram socket's file
            }
            return text.contains("refused") ? Probe.STALE : Probe.UNKNOWN;
        }
    }

    /** A datagram socket's file: connecting a datagram socket succeeds only if one is bound there. */
    private static Probe probeDatagram(Path path) {
        if (!Native.isAvailable()) {
            return Probe.UNKNOWN;
        }
        int fd = UnixSockets.socket(UnixSockets.SOCK_DGRAM);
        try {
            UnixSockets.connect(fd, UnixNames.encode(UnixDomainSocketAddress.of(path)));
            return Probe.LIVE;
        } catch (ErrnoException e) {
            return e.errno() == UnixSockets.ECONNREFUSED ? Probe.STALE : Probe.UNKNOWN;
        } finally {
            AbstractSockets.closeQuietly(fd);
        }
    }

    /** The identity of the file at {@code path} (device and inode on Unix), or {@code null} if there is none. */
    static Object identity(Path path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Object key = attrs.fileKey();
            return key != null ? key : attrs.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes {@code path} if it is still the file whose identity was {@code bound}. */
    static void removeIfSame(Path path, Object bound) {
        if (bound == null) {
            return;
        }
        try {
            if (bound.equals(identity(path))) {
                Files.delete(path);
            }
        } catch (NoSuchFileException gone) {
            // someone removed it already
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "Unable to clean up listening UNIX socket " + path + ": " + e);
        }
    }
}
