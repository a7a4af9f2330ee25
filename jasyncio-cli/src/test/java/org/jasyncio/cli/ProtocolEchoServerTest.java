package org.jasyncio.cli;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The protocol echo ({@link EchoProtocol}) on every readiness backend. */
@ParameterizedClass
@MethodSource("org.jasyncio.cli.ServerHarness#readinessBackends")
class ProtocolEchoServerTest extends EchoServerTests {
    @Override
    ExampleServer.Starter starter() {
        return ExampleServer.protocolServer(EchoProtocol::new);
    }
}
