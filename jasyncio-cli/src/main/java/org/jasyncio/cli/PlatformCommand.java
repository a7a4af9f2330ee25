package org.jasyncio.cli;

import java.io.PrintStream;

import org.jasyncio.loop.CapabilityMatrix;
import org.jasyncio.platform.PlatformReport;

/**
 * {@code jasyncio platform}: probes this machine on every available backend and prints
 * the report (a table shaped like asyncio's "Platform Support" page, or {@code --json}).
 * Exit status: 0 when every probe agrees with the capability matrix, 1 when one
 * contradicts it, 2 for a usage error. {@code --matrix} prints the matrix the code gives
 * for every known platform instead (Markdown; no probes).
 */
final class PlatformCommand implements Main.Command {
    static final int AGREES = 0;
    static final int CONTRADICTED = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    PlatformCommand() {
        this(System.out, System.err);
    }

    PlatformCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String summary() {
        return "probe this machine: what every loop and backend supports, measured (--json, --details, --matrix)";
    }

    @Override
    public int run(String[] args) {
        boolean json = false;
        boolean details = false;
        boolean matrix = false;
        for (String arg : args) {
            switch (arg) {
                case "--json" -> json = true;
                case "--details" -> details = true;
                case "--matrix" -> matrix = true;
                case "-h", "--help" -> {
                    usage(out);
                    return AGREES;
                }
                default -> {
                    err.println("jasyncio platform: unknown option '" + arg + "'");
                    usage(err);
                    return USAGE;
                }
            }
        }
        if (matrix) {
            if (json || details) {
                err.println("jasyncio platform: --matrix prints Markdown and runs no probes; it takes no other option");
                return USAGE;
            }
            out.print(MatrixTable.render(CapabilityMatrix.known()));
            return AGREES;
        }
        PlatformReport report = PlatformReport.probe();
        out.print(json ? ReportJson.render(report) + "\n" : ReportTable.render(report, details));
        return report.agrees() ? AGREES : CONTRADICTED;
    }

    private static void usage(PrintStream to) {
        to.println("usage: jasyncio platform [--json | --details | --matrix]");
        to.println("  (no option)  probe every available backend; print a table shaped like asyncio's platform page");
        to.println("  --details    also print every probe's measurement and the matrix's reason");
        to.println("  --json       the report as JSON (docs/platform-report.md)");
        to.println("  --matrix     the capability matrix of every known platform, as Markdown (no probes)");
        to.println("exit status: 0 every probe agrees with the matrix, 1 one contradicts it, 2 usage error");
    }
}
