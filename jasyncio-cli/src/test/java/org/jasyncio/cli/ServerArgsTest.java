package org.jasyncio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.jasyncio.loop.Backend;
import org.junit.jupiter.api.Test;

/** The example servers' command line: {@link ServerArgs} and what {@code jasyncio help} lists. */
class ServerArgsTest {

    @Test
    void defaultsAndBothOptionSpellings() {
        ServerArgs a = ServerArgs.parse(new String[] {"--port", "8080"}, Set.of());
        assertEquals(new ServerArgs("127.0.0.1", 8080, Backend.defaultSelectorBackend(), Map.of()), a);
        ServerArgs b = ServerArgs.parse(new String[] {"--port=0", "--host=0.0.0.0", "--backend", "NIO", "--mode",
                "streams"}, Set.of("mode"));
        assertEquals(new ServerArgs("0.0.0.0", 0, Backend.NIO, Map.of("mode", "streams")), b);
    }

    @Test
    void mistakesAreExplained() {
        assertEquals("--port is required (0 picks a free port)",
                assertThrows(IllegalArgumentException.class, () -> ServerArgs.parse(new String[0], Set.of()))
                        .getMessage());
        assertEquals("--port must be a number from 0 to 65535, not '70000'", assertThrows(
                IllegalArgumentException.class, () -> ServerArgs.parse(new String[] {"--port", "70000"}, Set.of()))
                .getMessage());
        assertEquals("unknown option --mode", assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--port", "1", "--mode", "x"}, Set.of())).getMessage());
        assertEquals("option --host needs a value", assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--port", "1", "--host"}, Set.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--port", "1", "--backend", "kqueue"}, Set.of())).getMessage()
                .startsWith("unknown backend 'kqueue' (one of nio, epoll, poll, select"));
    }

    @Test
    void helpListsTheServersWithTheirOptions() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(new String[] {"--help"}));
        } finally {
            System.setOut(saved);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("echo-server") && help.contains("http-server"), help);
        assertTrue(help.contains("--port P [--host H] [--backend epoll|poll|select|nio] [--mode protocol"), help);
    }

    @Test
    void aBadOptionExitsWithStatus2() throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run(new String[] {"echo-server", "--port", "1", "--mode", "telepathy"}));
        } finally {
            System.setErr(saved);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown --mode 'telepathy'"), err.toString());
    }
}
