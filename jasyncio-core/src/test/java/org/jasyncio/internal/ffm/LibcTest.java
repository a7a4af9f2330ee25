package org.jasyncio.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import org.jasyncio.testing.Fds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libc bindings: layouts for this architecture, errno capture, descriptor types. */
class LibcTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsTheBindings() {
        assumeTrue(Native.isAvailable(), () -> Native.unavailabilityCause().orElse(""));
    }

    @Test
    void structLayoutsMatchTheArchitecture() {
        assertEquals(Native.arch() == Native.Arch.X86_64 ? 12 : 16, EPoll.EVENT_SIZE, "epoll_event is packed on x86_64");
        assertEquals(8, Poll.POLLFD_SIZE);
        assertEquals(128, Select.FD_SET.byteSize());
        assertEquals(16, Select.TIMEVAL.byteSize());
    }

    @Test
    void epollEventFieldsRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(EPoll.EVENT, 2);
            EPoll.setEvent(events, 1, EPoll.EPOLLIN | EPoll.EPOLLOUT, 0x1234_5678_9abc_def0L);
            assertEquals(EPoll.EPOLLIN | EPoll.EPOLLOUT, EPoll.events(events, 1));
            assertEquals(0x1234_5678_9abc_def0L, EPoll.data(events, 1));
            assertEquals(0, EPoll.events(events, 0));
        }
    }

    @Test
    void aFailedCallCarriesItsErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Libc.fcntl(1_000_000, Libc.F_GETFD, 0));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("fcntl", e.call());
        assertTrue(e.getMessage().contains("EBADF"), e.getMessage());
        assertTrue(Errno.describe(Errno.EPERM).startsWith("EPERM ("), Errno.describe(Errno.EPERM));
        assertEquals("errno 999", Errno.name(999));
    }

    @Test
    void fstatTellsDescriptorTypesApart() throws Exception {
        try (Fds fds = new Fds()) {
            int[] pipe = fds.pipe();
            assertEquals(Libc.S_IFIFO, Libc.fstatMode(pipe[0]) & Libc.S_IFMT);
            assertEquals(Libc.S_IFREG, Libc.fstatMode(fds.regularFile(tmp)) & Libc.S_IFMT);
            int devNull = fds.open(Path.of("/dev/null"), Libc.O_RDONLY);
            assertEquals(Libc.S_IFCHR, Libc.fstatMode(devNull) & Libc.S_IFMT);
            assertFalse(Libc.isatty(devNull));
            int[] pty = fds.pty();
            assertTrue(Libc.isatty(pty[1]));
            assertEquals(Libc.S_IFCHR, Libc.fstatMode(pty[0]) & Libc.S_IFMT);
            int event = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
            try {
                assertEquals(Libc.O_NONBLOCK, Libc.fcntl(event, Libc.F_GETFL, 0) & Libc.O_NONBLOCK);
            } finally {
                Libc.close(event);
            }
        }
    }

    @Test
    void nonBlockingReadsReportWouldBlockAsMinusOne() {
        try (Fds fds = new Fds(); Arena arena = Arena.ofConfined()) {
            int[] pipe = fds.pipe();
            MemorySegment buf = arena.allocate(16);
            assertEquals(-1, Libc.read(pipe[0], buf, 16));
            assertEquals(2, Fds.write(pipe[1], "hi"));
            assertEquals(2, Libc.read(pipe[0], buf, 16));
            fds.close(pipe[1]);
            assertEquals(0, Libc.read(pipe[0], buf, 16), "end of file");
        }
    }
}
