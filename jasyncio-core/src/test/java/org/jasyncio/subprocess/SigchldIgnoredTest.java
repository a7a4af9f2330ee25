package org.jasyncio.subprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jasyncio.internal.ffm.Signals;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.loop.Signal;
import org.jasyncio.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * A JVM started with SIGCHLD ignored (an inherited {@code SIG_IGN}: the kernel then reaps
 * children by itself and their exit status is lost): return codes stay right on both
 * strategies. Two things reset SIGCHLD here: the JDK, when its process machinery
 * initializes (on this JDK that already happens while a loop opens; see strace), and
 * {@code SigchldDefault} before the first child, which does not rely on the former. The
 * child JVM starts a pidfd child first, then a threaded one.
 */
class SigchldIgnoredTest {

    /** The child JVM: prints SIGCHLD's disposition, runs {@code exit 3} on epoll then nio, prints the codes. */
    public static void main(String[] args) {
        System.out.println("sigchld-before " + (Signals.disposition(Signal.CHLD.number()) == Signals.SIG_IGN
                ? "ignored" : "default"));
        StringBuilder sb = new StringBuilder("codes");
        for (Backend b : List.of(Backend.EPOLL, Backend.NIO)) {
            try (EventLoop loop = SelectorEventLoop.open(b)) {
                int code = loop.runUntilComplete(() -> Subprocesses.createSubprocessShell("exit 3").await());
                sb.append(' ').append(b.id()).append('=').append(code);
            }
        }
        System.out.println(sb);
        System.out.flush();
    }

    @Test
    void exitStatusSurvivesAnIgnoredSigchld() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash to start a JVM with SIGCHLD ignored");
        try (ChildJvm jvm = ChildJvm.startIgnoring("/bin/bash", List.of("CHLD"), true, SigchldIgnoredTest.class,
                List.of())) {
            assertTrue(jvm.awaitLine("codes", Duration.ofSeconds(60)), jvm.output());
            assertTrue(jvm.output().contains("sigchld-before ignored"), jvm.output());
            assertTrue(jvm.output().contains("codes epoll=3 nio=3"), jvm.output());
        }
    }
}
