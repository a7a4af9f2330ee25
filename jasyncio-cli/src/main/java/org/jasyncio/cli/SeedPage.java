package org.jasyncio.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jasyncio.loop.Capability;

/**
 * The shape of asyncio's "Platform Support" page (the seed): its sections, in its order,
 * and the statement of each that a {@link Capability} answers. Reports print their rows
 * under these headings so the output reads against the page.
 */
final class SeedPage {
    /** One heading of the page and its rows. */
    record Section(String heading, List<Line> lines) {
    }

    /** A statement of the page (in its words, shortened) and the capability that answers it. */
    record Line(Capability capability, String statement) {
    }

    static final List<Section> SECTIONS = List.of(
            new Section("All Platforms", List.of(
                    new Line(Capability.ADD_READER_REGULAR_FILE, "add_reader() cannot monitor file I/O"))),
            new Section("Windows: all event loops", List.of(
                    new Line(Capability.UNIX_SOCKETS, "create_unix_connection/server (AF_UNIX)"),
                    new Line(Capability.SIGNAL_HANDLERS, "add_signal_handler()"))),
            new Section("Windows: SelectorEventLoop", List.of(
                    new Line(Capability.UNLIMITED_DESCRIPTORS, "SelectSelector: limited to 512 sockets"),
                    new Line(Capability.ADD_READER_SOCKET, "add_reader() accepts socket handles"),
                    new Line(Capability.ADD_READER_PIPE, "add_reader() on pipe file descriptors"),
                    new Line(Capability.READ_PIPE, "connect_read_pipe()"),
                    new Line(Capability.WRITE_PIPE, "connect_write_pipe()"),
                    new Line(Capability.SUBPROCESSES, "subprocess_exec()/subprocess_shell()"))),
            new Section("Windows: ProactorEventLoop", List.of(
                    new Line(Capability.RAW_FILE_DESCRIPTORS, "add_reader() on raw descriptors"))),
            new Section("Windows: clock", List.of(
                    new Line(Capability.FINE_CLOCK, "monotonic clock resolution (~15.6 ms there)"))),
            new Section("Subprocess support", List.of(
                    new Line(Capability.PIDFD_CHILD_WATCHER, "child watcher (pidfd, no helper thread)"))),
            new Section("macOS <= 10.8", List.of(
                    new Line(Capability.ADD_READER_CHARACTER_DEVICE, "kqueue: add_reader() on character devices"))),
            new Section("Beyond the page", List.of(
                    new Line(Capability.UNIX_ABSTRACT_NAMES, "Unix sockets in the abstract namespace"),
                    new Line(Capability.UNIX_DATAGRAM, "Unix domain datagram endpoints"))));

    private SeedPage() {
    }

    /** Every line, in page order; each capability appears exactly once. */
    static List<Line> lines() {
        List<Line> all = new ArrayList<>();
        Set<Capability> seen = EnumSet.noneOf(Capability.class);
        for (Section section : SECTIONS) {
            for (Line line : section.lines()) {
                if (!seen.add(line.capability())) {
                    throw new IllegalStateException("seed page lists " + line.capability() + " twice");
                }
                all.add(line);
            }
        }
        for (Capability capability : Capability.values()) {
            if (!seen.contains(capability)) {
                throw new IllegalStateException("seed page misses " + capability);
            }
        }
        return all;
    }
}
