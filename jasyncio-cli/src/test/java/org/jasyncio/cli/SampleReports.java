package org.jasyncio.cli;

import java.util.List;
import java.util.Optional;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Platform;
import org.jasyncio.platform.BackendStatus;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.PlatformReport;
import org.jasyncio.platform.ProbeResult;

/** Reports made up for renderer tests: fixed values, so the output can be compared exactly. */
final class SampleReports {
    private SampleReports() {
    }

    static final Platform LINUX = new Platform(Platform.Os.LINUX, "Linux", "6.1.0", "amd64", "Linux 6.1.0", "25+36");

    static PlatformReport twoProbes(Outcome second) {
        List<BackendStatus> backends = List.of(
                new BackendStatus(Backend.NIO, true, Optional.empty(), false),
                new BackendStatus(Backend.EPOLL, false, Optional.of("no \"epoll\" here"), true));
        List<ProbeResult> results = List.of(
                new ProbeResult(Backend.NIO, Capability.ADD_READER_SOCKET, true, "watches sockets", Outcome.SUPPORTED,
                        "TCP socket readable after 0.10 ms", true, 1.5),
                new ProbeResult(Backend.NIO, Capability.ADD_READER_REGULAR_FILE, false, "never\ton any loop", second,
                        "refused: never", ProbeResult.agrees(false, second), 0.25));
        return new PlatformReport(LINUX, Backend.NIO, 30, backends, results);
    }
}
