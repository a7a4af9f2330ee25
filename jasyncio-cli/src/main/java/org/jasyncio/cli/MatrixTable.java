package org.jasyncio.cli;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.CapabilityMatrix;

/**
 * The capability matrix of every platform the code knows, as Markdown: one table per
 * platform, the seed page's statements as rows, one column per backend this build has
 * there, each cell the code's answer; the reasons follow each table. docs/platforms.md
 * embeds its output.
 */
final class MatrixTable {
    private MatrixTable() {
    }

    static String render(Iterable<CapabilityMatrix> matrices) {
        StringBuilder out = new StringBuilder();
        for (CapabilityMatrix matrix : matrices) {
            var p = matrix.platform();
            out.append("### ").append(p.os()).append(" (").append(p).append(p.isCurrent() ? ", this machine" : "")
                    .append(")\n\n");
            out.append("default loop: ").append(ReportJson.LOOP_NAME).append(" on ")
                    .append(p.defaultBackend().id()).append("\n\n");
            out.append("| seed statement |");
            for (Backend b : matrix.backends()) {
                out.append(" `").append(b.id()).append("` |");
            }
            out.append("\n| --- |");
            out.append(" --- |".repeat(matrix.backends().size()));
            out.append('\n');
            for (SeedPage.Line line : SeedPage.lines()) {
                out.append("| ").append(line.statement()).append(" (`").append(line.capability()).append("`) |");
                for (Backend b : matrix.backends()) {
                    out.append(matrix.row(b, line.capability()).map(r -> r.supported() ? " yes |" : " no |")
                            .orElse(" - |"));
                }
                out.append('\n');
            }
            out.append("\nReasons:\n\n");
            for (SeedPage.Line line : SeedPage.lines()) {
                for (Backend b : matrix.backends()) {
                    matrix.row(b, line.capability()).ifPresent(r -> out.append("- `").append(b.id()).append("` `")
                            .append(r.capability()).append("`: ").append(r.supported() ? "yes: " : "no: ")
                            .append(r.reason()).append('\n'));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
