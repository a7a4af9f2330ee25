package org.jasyncio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jasyncio.loop.Capability;
import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.loop.Platform;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.PlatformReport;
import org.junit.jupiter.api.Test;

/** The text report and the Markdown matrix. */
class ReportTableTest {

    @Test
    void rowsFollowTheSeedPageAndCellsShowOutcomes() {
        String text = ReportTable.render(SampleReports.twoProbes(Outcome.REFUSED), false);
        assertTrue(text.startsWith("jasyncio platform report: Linux 6.1.0 amd64 (kernel Linux 6.1.0), Java 25+36\n"),
                text);
        assertTrue(text.contains("clock resolution: 30 ns (measured)"), text);
        assertTrue(text.contains("epoll (unavailable) (default)"), text);
        int allPlatforms = text.indexOf("All Platforms\n");
        int windows = text.indexOf("Windows: all event loops\n");
        int mac = text.indexOf("macOS <= 10.8\n");
        assertTrue(allPlatforms > 0 && allPlatforms < windows && windows < mac, text);
        String fileRow = text.lines().filter(l -> l.contains("add_reader() cannot monitor file I/O")).findFirst()
                .orElseThrow();
        assertTrue(fileRow.strip().endsWith("refused"), fileRow);
        assertTrue(text.contains("every probe agrees with the capability matrix (2 probes)"), text);
        assertTrue(text.contains("ADD_READER_SOCKET           TCP socket readable after 0.10 ms"), text);
    }

    @Test
    void aContradictionIsMarkedAndExplained() {
        PlatformReport report = SampleReports.twoProbes(Outcome.SUPPORTED);
        String text = ReportTable.render(report, false);
        assertTrue(text.contains("1 probe(s) contradict the capability matrix:"), text);
        assertTrue(text.contains("nio ADD_READER_REGULAR_FILE: supported (contradicts the matrix)"), text);
        assertTrue(text.contains("matrix: refused - never"), text);
        assertEquals("yes!", ReportTable.cell(Optional.of(report.results().get(1))));
        assertEquals("-", ReportTable.cell(Optional.empty()));
    }

    @Test
    void detailsListEveryProbeWithTheMatrixReason() {
        String text = ReportTable.render(SampleReports.twoProbes(Outcome.REFUSED), true);
        assertTrue(text.contains("every probe:\n  nio ADD_READER_SOCKET: supported - TCP socket readable"), text);
        assertTrue(text.contains("matrix: supported - watches sockets"), text);
        assertFalse(text.contains("--details for every probe"), text);
    }

    @Test
    void theSeedPageCoversEveryCapabilityOnce() {
        assertEquals(Capability.values().length, SeedPage.lines().size());
    }

    @Test
    void theMatrixInMarkdownHasATablePerPlatform() {
        String md = MatrixTable.render(CapabilityMatrix.known());
        for (Platform.Os os : Platform.Os.values()) {
            assertTrue(md.contains("### " + os + " ("), os.name());
        }
        String mac = MatrixTable.render(List.of(CapabilityMatrix.of(Platform.hypothetical(Platform.Os.MACOS,
                "aarch64"))));
        assertTrue(mac.contains("| seed statement | `nio` |"), mac);
        assertTrue(mac.contains("| add_reader() cannot monitor file I/O (`ADD_READER_REGULAR_FILE`) | no |"), mac);
        assertTrue(mac.contains("default loop: SelectorEventLoop on nio"), mac);
    }
}
