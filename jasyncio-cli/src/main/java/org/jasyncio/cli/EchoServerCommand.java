package org.jasyncio.cli;

import java.util.Set;

/** {@code jasyncio echo-server}: writes back every byte it reads, as a protocol or with streams. */
final class EchoServerCommand implements Main.Command {
    @Override
    public String summary() {
        return "echo server (the network benchmark's echo)";
    }

    @Override
    public String options() {
        return ServerArgs.USAGE + " [--mode protocol|streams]";
    }

    @Override
    public int run(String[] argv) throws Exception {
        ServerArgs args = ServerArgs.parse(argv, Set.of("mode"));
        String mode = args.extra().getOrDefault("mode", "protocol");
        return switch (mode) {
            case "protocol" -> ExampleServer.serve("echo-server (protocol)", args,
                    ExampleServer.protocolServer(EchoProtocol::new));
            case "streams" -> ExampleServer.serve("echo-server (streams)", args, EchoStreams.server());
            default -> throw new IllegalArgumentException("unknown --mode '" + mode + "' (protocol or streams)");
        };
    }
}
