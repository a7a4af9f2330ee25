package org.jasyncio.cli;

import org.jasyncio.loop.Platform;
import org.jasyncio.platform.BackendStatus;
import org.jasyncio.platform.PlatformReport;
import org.jasyncio.platform.ProbeResult;

/**
 * The platform report as JSON, for machines: schema {@value #SCHEMA}, documented with a
 * sample in docs/platform-report.md. Keys and their order never change within a schema
 * version; a change that removes or renames a key bumps the version.
 */
final class ReportJson {
    static final String SCHEMA = "jasyncio-platform-report/1";
    static final String LOOP_NAME = "SelectorEventLoop";

    private ReportJson() {
    }

    static String render(PlatformReport report) {
        Json json = new Json().beginObject();
        json.key("schema").value(SCHEMA);
        Platform p = report.platform();
        json.key("platform").beginObject()
                .key("os").value(p.os().name())
                .key("osName").value(p.osName())
                .key("osVersion").value(p.osVersion())
                .key("arch").value(p.arch())
                .key("kernel").value(p.kernel())
                .key("jdk").value(p.jdk())
                .endObject();
        json.key("defaultLoop").beginObject()
                .key("loop").value(LOOP_NAME)
                .key("backend").value(report.defaultBackend().id())
                .endObject();
        json.key("clockResolutionNanos").value(report.clockResolutionNanos());
        json.key("backends").beginArray();
        for (BackendStatus b : report.backends()) {
            json.beginObject()
                    .key("backend").value(b.backend().id())
                    .key("available").value(b.available())
                    .key("unavailabilityCause").value(b.unavailabilityCause().orElse(null))
                    .key("default").value(b.platformDefault())
                    .endObject();
        }
        json.endArray();
        json.key("probes").beginArray();
        for (ProbeResult r : report.results()) {
            json.beginObject()
                    .key("backend").value(r.backend().id())
                    .key("capability").value(r.capability().name())
                    .key("description").value(r.capability().description())
                    .key("matrix").value(r.supported() ? "supported" : "refused")
                    .key("reason").value(r.reason())
                    .key("outcome").value(r.outcome().id())
                    .key("detail").value(r.detail())
                    .key("agrees").value(r.agrees())
                    .key("millis").value(r.millis())
                    .endObject();
        }
        json.endArray();
        json.key("contradictions").value((long) report.contradictions().size());
        json.key("agrees").value(report.agrees());
        return json.endObject().toString();
    }
}
