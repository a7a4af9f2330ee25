package org.jasyncio.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.loop.Platform;

/**
 * The capability matrix of every platform the code knows, as Markdown: one table per
 * platform, the seed page's statements as rows, one column per backend this build has
 * there, each cell the code's answer; the reasons follow each table. docs/platforms.md
 * embeds its output.
 */
final class MatrixTable {
    private MatrixTable() {
    }

    /** The reason without the name of the loop it is about, so that backends with the same answer group. */
    static String general(CapabilityMatrix.Row row, Platform platform) {
        String subject = row.loop() + " on the " + row.backend().id() + " backend (" + platform + ")";
        return row.reason().replace(subject, "the loop").replace("the " + row.backend().id() + " backend", "the backend");
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
            out.append("\nReasons (backends that give the same answer are grouped):\n\n");
            for (SeedPage.Line line : SeedPage.lines()) {
                Map<String, List<String>> byAnswer = new LinkedHashMap<>();
                for (Backend b : matrix.backends()) {
                    matrix.row(b, line.capability()).ifPresent(r -> byAnswer
                            .computeIfAbsent((r.supported() ? "yes: " : "no: ") + general(r, p), k -> new ArrayList<>())
                            .add(b.id()));
                }
                byAnswer.forEach((answer, backends) -> out.append("- `").append(line.capability()).append("` on ")
                        .append(String.join(", ", backends)).append(": ").append(answer).append('\n'));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
