package org.jasyncio.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jasyncio.loop.Backend;

/**
 * The options the example servers share, parsed from {@code --name value} or
 * {@code --name=value}: {@code --port} (required; 0 picks a free port, printed at start),
 * {@code --host} (default 127.0.0.1), {@code --backend} (default: this platform's default
 * readiness backend), plus the command's own options.
 */
record ServerArgs(String host, int port, Backend backend, Map<String, String> extra) {

    /** The shared options' help lines, for {@code jasyncio help}. */
    static final String USAGE = "--port P [--host H] [--backend epoll|poll|select|nio]";

    /**
     * Parses {@code args}; {@code allowed} names the command's own options.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    static ServerArgs parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!name.equals("port") && !name.equals("host") && !name.equals("backend") && !allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }
        String portText = values.remove("port");
        if (portText == null) {
            throw new IllegalArgumentException("--port is required (0 picks a free port)");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + portText + "'");
        }
        String host = values.getOrDefault("host", "127.0.0.1");
        values.remove("host");
        String backendId = values.remove("backend");
        Backend backend = backendId == null ? Backend.defaultSelectorBackend() : backend(backendId);
        return new ServerArgs(host, port, backend, values);
    }

    private static Backend backend(String id) {
        List<String> readiness = new ArrayList<>();
        for (Backend b : Backend.values()) {
            if (b.kind() == Backend.Kind.READINESS) {
                readiness.add(b.id());
                if (b.id().equalsIgnoreCase(id)) {
                    b.unavailabilityCause().ifPresent(why -> {
                        throw new IllegalArgumentException("backend " + b.id() + " is not available here: " + why);
                    });
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("unknown backend '" + id + "' (one of " + String.join(", ", readiness) + ")");
    }
}
