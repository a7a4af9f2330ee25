package org.jasyncio.net;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.testing.LoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * The shared set-up of the network conformance suites: a fresh loop on the backend the
 * suite is parameterized with, whose exception handler records errors, closed after each
 * test. Subclasses carry {@code @ParameterizedClass @MethodSource("org.jasyncio.testing.Backends#readiness")}.
 */
abstract class BackendLoopTest {
    @Parameter
    Backend backend;

    LoopFixture f;
    EventLoop loop;

    @BeforeEach
    void openLoop() {
        f = new LoopFixture(SelectorEventLoop.open(backend));
        loop = f.loop;
    }

    @AfterEach
    void closeLoop() {
        f.close();
    }
}
