package org.jasyncio.cli;

import java.util.Set;

import org.jasyncio.cli.http.HttpServerProtocol;
import org.jasyncio.cli.http.RequestLimits;

/** {@code jasyncio http-server}: the minimal HTTP/1.1 keep-alive server of {@code org.jasyncio.cli.http}. */
final class HttpServerCommand implements Main.Command {
    @Override
    public String summary() {
        return "HTTP/1.1 keep-alive server: GET answers 'Hello, World!', POST echoes the body";
    }

    @Override
    public String options() {
        RequestLimits l = RequestLimits.DEFAULTS;
        return ServerArgs.USAGE + "   (limits: " + l.maxHeadBytes() / 1024 + " KiB of request line + headers, "
                + l.maxHeaders() + " header fields, " + l.maxBodyBytes() / (1024 * 1024) + " MiB of body)";
    }

    @Override
    public int run(String[] argv) throws Exception {
        ServerArgs args = ServerArgs.parse(argv, Set.of());
        return ExampleServer.serve("http-server", args,
                ExampleServer.protocolServer(HttpServerProtocol.factory(RequestLimits.DEFAULTS)));
    }
}
