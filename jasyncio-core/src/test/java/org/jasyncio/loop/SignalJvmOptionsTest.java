package org.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jasyncio.testing.ChildJvm;
import org.jasyncio.testing.SignalSender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Signal handlers in JVMs started differently from the test JVM ({@link SignalMain} in a
 * child): without {@code --enable-native-access} (only the nio backend exists there, so
 * these run on nio alone) and with {@code -Xrs}. The test process sends the signals with
 * {@code kill(2)} (Linux).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SignalJvmOptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void linuxWithNativeAccess() {
        SignalSender.assumeAvailable();
    }

    /**
     * Without native access: signals ignored at start are still reported (probed through
     * sun.misc.Signal), SIGUSR1 is handled and ignored again after removal, and SIGHUP is
     * refused with the reason, since only sigaction could lift the ignoring the JVM keeps.
     */
    @Test
    void withoutNativeAccessIgnoredSignalsAreReportedAndAnIgnoredSighupIsRefused() throws Exception {
        try (ChildJvm child = ChildJvm.startIgnoring(List.of("USR1", "HUP"), false, SignalMain.class, List.of(),
                "fallback", Backend.NIO.name())) {
            assertTrue(child.awaitLine("READY", WAIT), child.output());
            assertTrue(child.output().contains("IGNORED_AT_START USR1=true HUP=true WINCH=false"), child.output());
            assertTrue(child.output().contains("HUP REFUSED: SIGHUP has been ignored since this process started"),
                    child.output());
            assertTrue(child.output().contains("--enable-native-access"), child.output());
            SignalSender.send(child.pid(), Signal.USR1);
            assertTrue(child.awaitLine("GOT USR1;", WAIT), child.output());
            assertEquals(0, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("AFTER USR1=SIG_IGN"), child.output());
        }
    }

    /** Under -Xrs the JVM keeps SIGINT and SIGTERM from Java; the refusal says so; SIGUSR1 still works. */
    @Test
    void underXrsSigintAndSigtermAreRefusedNamingTheFlag() throws Exception {
        try (ChildJvm child = ChildJvm.start(SignalMain.class, List.of("-Xrs"), "xrs", Backend.NIO.name())) {
            assertEquals(0, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("INT REFUSED: the JVM refused to install a handler for SIGINT"),
                    child.output());
            assertTrue(child.output().contains("TERM REFUSED"), child.output());
            assertTrue(child.output().contains("-Xrs"), child.output());
            assertTrue(child.output().contains("USR1 ACCEPTED true"), child.output());
        }
    }
}
