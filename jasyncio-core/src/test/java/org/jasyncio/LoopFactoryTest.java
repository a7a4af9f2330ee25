package org.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.SelectorEventLoop;
import org.jasyncio.testing.Backends;
import org.junit.jupiter.api.Test;

/** asyncio 3.12's loop_factory: the caller picks the loop; no global policy. */
class LoopFactoryTest {

    /** Lib/test/test_asyncio/test_runners.py::RunTests::test_asyncio_run_loop_factory */
    @Test
    void runUsesTheLoopTheFactoryMakes() {
        Backends.readiness().forEach(backend -> {
            Backend used = AsyncIO.run(() -> ((SelectorEventLoop) AsyncIO.getRunningLoop()).backend(),
                    LoopFactory.selector(backend));
            assertEquals(backend, used);
        });
    }

    /** Lib/test/test_asyncio/test_runners.py::RunnerTests::test_custom_factory */
    @Test
    void runnerBuilderTakesAFactoryAndDebug() {
        assumeTrue(Backend.POLL.isAvailable(), "poll is not available here");
        EventLoop[] made = new EventLoop[1];
        try (Runner runner = Runner.builder().debug(true).loopFactory(() -> {
            made[0] = LoopFactory.selector(Backend.POLL).newLoop();
            return made[0];
        }).build()) {
            assertEquals(Backend.POLL, runner.run(() -> ((SelectorEventLoop) AsyncIO.getRunningLoop()).backend()));
            assertTrue(runner.getLoop().getDebug());
            assertEquals(made[0], runner.getLoop());
        }
        assertTrue(made[0].isClosed());
    }

    @Test
    void thePlatformDefaultIsTheDefaultSelectorBackend() {
        try (EventLoop loop = LoopFactory.platformDefault().get()) {
            SelectorEventLoop selector = assertInstanceOf(SelectorEventLoop.class, loop);
            assertEquals(Backend.defaultSelectorBackend(), selector.backend());
        }
        try (EventLoop loop = AsyncIO.newEventLoop()) {
            assertEquals(Backend.defaultSelectorBackend(), ((SelectorEventLoop) loop).backend());
        }
    }

    @Test
    void aFactoryForAnUnavailableBackendFailsWhenItMakesTheLoop() {
        assertThrows(NullPointerException.class, () -> LoopFactory.selector(null));
        for (Backend backend : Backend.values()) {
            backend.unavailabilityCause().ifPresent(cause -> {
                LoopFactory factory = LoopFactory.selector(backend);
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        factory::newLoop);
                assertTrue(e.getMessage().contains(cause), e.getMessage());
            });
        }
    }
}
