package org.jasyncio.cli;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The streams echo ({@link EchoStreams}: a task per connection, read / write / drain) on every readiness backend. */
@ParameterizedClass
@MethodSource("org.jasyncio.cli.ServerHarness#readinessBackends")
class StreamsEchoServerTest extends EchoServerTests {
    @Override
    ExampleServer.Starter starter() {
        return EchoStreams.server();
    }
}
