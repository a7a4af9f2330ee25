package org.jasyncio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jasyncio.platform.Outcome;
import org.junit.jupiter.api.Test;

/** The JSON is a contract (docs/platform-report.md): keys, their order and their formats are pinned here. */
class ReportJsonTest {

    @Test
    void theSchemaIsStable() {
        String expected = """
                {
                  "schema": "jasyncio-platform-report/1",
                  "platform": {
                    "os": "LINUX",
                    "osName": "Linux",
                    "osVersion": "6.1.0",
                    "arch": "amd64",
                    "kernel": "Linux 6.1.0",
                    "jdk": "25+36"
                  },
                  "defaultLoop": {
                    "loop": "SelectorEventLoop",
                    "backend": "nio"
                  },
                  "clockResolutionNanos": 30,
                  "backends": [
                    {
                      "backend": "nio",
                      "available": true,
                      "unavailabilityCause": null,
                      "default": false
                    },
                    {
                      "backend": "epoll",
                      "available": false,
                      "unavailabilityCause": "no \\"epoll\\" here",
                      "default": true
                    }
                  ],
                  "probes": [
                    {
                      "backend": "nio",
                      "capability": "ADD_READER_SOCKET",
                      "description": "addReader/addWriter on sockets",
                      "matrix": "supported",
                      "reason": "watches sockets",
                      "outcome": "supported",
                      "detail": "TCP socket readable after 0.10 ms",
                      "agrees": true,
                      "millis": 1.500
                    },
                    {
                      "backend": "nio",
                      "capability": "ADD_READER_REGULAR_FILE",
                      "description": "addReader/addWriter on regular files (never)",
                      "matrix": "refused",
                      "reason": "never\\ton any loop",
                      "outcome": "refused",
                      "detail": "refused: never",
                      "agrees": true,
                      "millis": 0.250
                    }
                  ],
                  "contradictions": 0,
                  "agrees": true
                }""";
        assertEquals(expected, ReportJson.render(SampleReports.twoProbes(Outcome.REFUSED)));
    }

    @Test
    void aContradictionIsCounted() {
        String json = ReportJson.render(SampleReports.twoProbes(Outcome.SUPPORTED));
        assertEquals(true, json.contains("\"contradictions\": 1,\n  \"agrees\": false\n}"), json);
    }

    @Test
    void controlCharactersAreEscaped() {
        String json = new Json().beginArray().value("a\u0001b\"\\\n").value(-1).endArray().toString();
        assertEquals("[\n  \"a\\u0001b\\\"\\\\\\n\",\n  -1\n]", json);
        assertEquals("{}", new Json().beginObject().endObject().toString());
    }
}
