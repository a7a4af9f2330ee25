package org.jasyncio.testing;

import java.util.Arrays;
import java.util.stream.Stream;

import org.jasyncio.loop.Backend;

/**
 * The backends a conformance suite runs against: every readiness backend available on
 * this machine. Use with JUnit's {@code @ParameterizedClass}:
 *
 * <pre>{@code
 * @ParameterizedClass
 * @MethodSource("org.jasyncio.testing.Backends#readiness")
 * class SomethingConformanceTest {
 *     @Parameter Backend backend;
 * }
 * }</pre>
 */
public final class Backends {
    private Backends() {
    }

    public static Stream<Backend> readiness() {
        return Arrays.stream(Backend.values())
                .filter(b -> b.kind() == Backend.Kind.READINESS && b.isAvailable());
    }
}
