package org.jasyncio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code jasyncio platform}: the live run on this machine, the exit status, usage errors. */
class PlatformCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PlatformCommand command = new PlatformCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLiveJsonReportAgreesWithTheMatrixHere() {
        int status = command.run(new String[] {"--json"});
        String json = out();
        assertTrue(json.startsWith("{\n  \"schema\": \"jasyncio-platform-report/1\",\n"), json);
        assertEquals(status == 0, json.contains("\"agrees\": true\n}"), json);
        assertEquals(0, status, json);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, command.run(new String[] {"--bogus"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--bogus'"));
        assertEquals(2, command.run(new String[] {"--matrix", "--json"}));
        assertEquals(0, command.run(new String[] {"--help"}));
        assertTrue(out().contains("exit status: 0"), out());
    }

    @Test
    void theMatrixRunsNoProbes() {
        assertEquals(0, command.run(new String[] {"--matrix"}));
        assertTrue(out().contains("### WINDOWS ("), out());
    }

    @Test
    void optionsWithoutACommandGoToThePlatformReport() throws Exception {
        // --matrix prints the matrix without probing: quick, and only the platform command knows it.
        assertEquals(0, Main.run(new String[] {"--matrix"}));
        assertEquals(2, Main.run(new String[] {"--no-such-option"}));
    }

    @Test
    void platformIsTheDefaultCommand() {
        assertEquals("platform", Main.DEFAULT_COMMAND);
        assertTrue(Main.commands().containsKey("demo"));
        assertTrue(Main.commands().get(Main.DEFAULT_COMMAND) instanceof PlatformCommand);
    }
}
