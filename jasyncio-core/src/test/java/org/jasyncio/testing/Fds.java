package org.jasyncio.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jasyncio.internal.ffm.Libc;
import org.jasyncio.internal.ffm.Pty;

/**
 * Raw descriptors for tests, through the libc bindings: pipes, pseudo-terminals, files.
 * Everything opened here is closed by {@link #close()}, except descriptors already closed
 * through {@link #close(int)}.
 */
public final class Fds implements AutoCloseable {
    private final List<Integer> open = new ArrayList<>();

    /** A non-blocking pipe: {@code [readEnd, writeEnd]}. */
    public int[] pipe() {
        int[] fds = Libc.pipe2(Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        open.add(fds[0]);
        open.add(fds[1]);
        return fds;
    }

    /** A pseudo-terminal, both sides non-blocking: {@code [master, slave]}. */
    public int[] pty() {
        int master = Pty.posixOpenpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        open.add(master);
        Pty.grantpt(master);
        Pty.unlockpt(master);
        Libc.fcntl(master, Libc.F_SETFL, Libc.fcntl(master, Libc.F_GETFL, 0) | Libc.O_NONBLOCK);
        int slave = Libc.open(Pty.ptsname(master), Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        open.add(slave);
        return new int[] {master, slave};
    }

    /** Opens {@code path} with {@code flags} (plus O_CLOEXEC). */
    public int open(Path path, int flags) {
        int fd = Libc.open(path.toString(), flags | Libc.O_CLOEXEC);
        open.add(fd);
        return fd;
    }

    /** A regular file with some content, opened for reading and writing. */
    public int regularFile(Path dir) throws java.io.IOException {
        Path file = Files.writeString(dir.resolve("regular.txt"), "some content\n");
        return open(file, Libc.O_RDWR);
    }

    /** A duplicate of {@code fd} numbered at least {@code lowest}. */
    public int dupAtLeast(int fd, int lowest) {
        int dup = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, lowest);
        open.add(dup);
        return dup;
    }

    public static int write(int fd, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            return (int) Libc.write(fd, buf, bytes.length);
        }
    }

    /** Reads what is there: the text, "" at end of file, or {@code null} if nothing is available. */
    public static String read(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(4096);
            long n = Libc.read(fd, buf, 4096);
            if (n < 0) {
                return null;
            }
            return new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8);
        }
    }

    /** Forgets {@code fd}: its ownership passed to something that closes it (a pipe transport). */
    public void handOver(int fd) {
        open.remove((Integer) fd);
    }

    /** Whether {@code fd} is an open descriptor. */
    public static boolean isOpen(int fd) {
        try {
            Libc.fstatMode(fd);
            return true;
        } catch (org.jasyncio.internal.ffm.ErrnoException e) {
            return false;
        }
    }

    /** Closes {@code fd} now. */
    public void close(int fd) {
        if (open.remove((Integer) fd)) {
            Libc.close(fd);
        }
    }

    @Override
    public void close() {
        for (int fd : open) {
            try {
                Libc.close(fd);
            } catch (RuntimeException ignored) {
                // already closed by the test
            }
        }
        open.clear();
    }
}
