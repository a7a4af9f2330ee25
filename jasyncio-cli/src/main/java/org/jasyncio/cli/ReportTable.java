package org.jasyncio.cli;

import java.util.List;
import java.util.Optional;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.platform.BackendStatus;
import org.jasyncio.platform.Outcome;
import org.jasyncio.platform.PlatformReport;
import org.jasyncio.platform.ProbeResult;

/**
 * The platform report as text, shaped like the seed page: its sections and statements as
 * rows, one column per backend probed, each cell the measured outcome. A cell that
 * contradicts the capability matrix is marked {@code !} and explained below the table.
 */
final class ReportTable {
    private static final int STATEMENT_WIDTH = 46;
    private static final int CELL_WIDTH = 14;

    private ReportTable() {
    }

    static String render(PlatformReport report, boolean details) {
        StringBuilder out = new StringBuilder();
        var p = report.platform();
        out.append("jasyncio platform report: ").append(p.osName()).append(' ').append(p.osVersion()).append(' ')
                .append(p.arch()).append(" (kernel ").append(p.kernel()).append("), Java ").append(p.jdk())
                .append('\n');
        out.append("default loop: ").append(ReportJson.LOOP_NAME).append(" on ").append(report.defaultBackend().id())
                .append("   clock resolution: ").append(report.clockResolutionNanos()).append(" ns (measured)\n");
        out.append("backends:");
        for (BackendStatus b : report.backends()) {
            out.append(' ').append(b.backend().id()).append(b.available() ? "" : " (unavailable)")
                    .append(b.platformDefault() ? " (default)" : "");
        }
        out.append("\n\n");
        List<Backend> columns = report.probedBackends();
        out.append(pad("", STATEMENT_WIDTH + 2));
        for (Backend b : columns) {
            out.append(pad(b.id(), CELL_WIDTH));
        }
        out.append('\n');
        for (SeedPage.Section section : SeedPage.SECTIONS) {
            out.append(section.heading()).append('\n');
            for (SeedPage.Line line : section.lines()) {
                out.append("  ").append(pad(line.statement(), STATEMENT_WIDTH));
                for (Backend b : columns) {
                    out.append(pad(cell(find(report, b, line.capability())), CELL_WIDTH));
                }
                out.append('\n');
            }
        }
        out.append('\n');
        List<ProbeResult> wrong = report.contradictions();
        if (wrong.isEmpty()) {
            out.append("every probe agrees with the capability matrix (").append(report.results().size())
                    .append(" probes)\n");
        } else {
            out.append(wrong.size()).append(" probe(s) contradict the capability matrix:\n");
            for (ProbeResult r : wrong) {
                appendDetail(out, r);
            }
        }
        if (details) {
            out.append("\nevery probe:\n");
            for (ProbeResult r : report.results()) {
                appendDetail(out, r);
            }
        } else {
            out.append("measured on ").append(report.defaultBackend().id()).append(":\n");
            for (ProbeResult r : report.results()) {
                if (r.backend() == report.defaultBackend() && r.outcome() == Outcome.SUPPORTED) {
                    out.append("  ").append(pad(r.capability().name(), 28)).append(r.detail()).append('\n');
                }
            }
            out.append("(--details for every probe and the matrix's reasons, --json for machines)\n");
        }
        return out.toString();
    }

    /** The text of one cell: the outcome, with {@code !} when it contradicts the matrix. */
    static String cell(Optional<ProbeResult> result) {
        if (result.isEmpty()) {
            return "-";
        }
        ProbeResult r = result.get();
        String text = switch (r.outcome()) {
            case SUPPORTED -> "yes";
            case REFUSED -> "refused";
            case NOT_PROVIDED -> "not in build";
            case NOT_RUN -> r.supported() ? "yes, not run" : "no, not run";
            case UNPROBED -> "yes, unprobed";
            case FAILED -> "FAILED";
            case TIMED_OUT -> "TIMED OUT";
        };
        return r.agrees() ? text : text + "!";
    }

    private static void appendDetail(StringBuilder out, ProbeResult r) {
        out.append("  ").append(r.backend().id()).append(' ').append(r.capability().name()).append(": ")
                .append(r.outcome().id()).append(r.agrees() ? "" : " (contradicts the matrix)").append(" - ")
                .append(r.detail()).append('\n');
        out.append("      matrix: ").append(r.supported() ? "supported - " : "refused - ").append(r.reason())
                .append('\n');
    }

    private static Optional<ProbeResult> find(PlatformReport report, Backend backend, Capability capability) {
        return report.results().stream().filter(r -> r.backend() == backend && r.capability() == capability)
                .findFirst();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
