package org.jasyncio;

import java.util.Objects;
import java.util.function.Supplier;

import org.jasyncio.loop.Backend;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.loop.Platform;
import org.jasyncio.loop.SelectorEventLoop;

/**
 * Makes the loop {@link AsyncIO#run(org.jasyncio.task.Coroutine, Supplier)} or a
 * {@link Runner} runs on: asyncio 3.12's {@code loop_factory}. There is no global policy
 * object; whoever runs a coroutine says which loop it wants, or gets the platform default.
 *
 * <pre>{@code
 * AsyncIO.run(main, LoopFactory.selector(Backend.POLL));
 * try (Runner runner = Runner.builder().loopFactory(LoopFactory.platformDefault()).build()) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface LoopFactory extends Supplier<EventLoop> {

    /** A new, not yet running loop. */
    EventLoop newLoop();

    @Override
    default EventLoop get() {
        return newLoop();
    }

    /**
     * This platform's default loop ({@link Platform#defaultBackend()}: a selector loop on
     * epoll on Linux, on the JDK selector elsewhere; {@code -Djasyncio.backend=<id>}
     * overrides it). What {@link AsyncIO#run}, {@link Runner} and {@link AsyncIO#newEventLoop()}
     * use when given no factory.
     */
    static LoopFactory platformDefault() {
        return SelectorEventLoop::open;
    }

    /** A selector loop on {@code backend} (fails when it is made if the backend is unavailable here, saying why). */
    static LoopFactory selector(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        return () -> SelectorEventLoop.open(backend);
    }
}
