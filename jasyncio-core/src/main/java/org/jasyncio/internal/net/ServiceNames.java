package org.jasyncio.internal.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port to service name, from the system's services database ({@code /etc/services} on
 * Unix, {@code %SystemRoot%\System32\drivers\etc\services} on Windows), for
 * {@code getnameinfo}. Read once, on first use, on an executor thread. Without the file,
 * every port is answered numerically.
 */
final class ServiceNames {
    private static volatile Map<String, String> byPort;

    private ServiceNames() {
    }

    /** The service name of {@code port} over {@code proto} ("tcp" or "udp"), or {@code null}. */
    static String lookup(int port, String proto) {
        Map<String, String> map = byPort;
        if (map == null) {
            map = byPort = load();
        }
        return map.get(port + "/" + proto);
    }

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>();
        for (Path file : candidates()) {
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (String line : lines) {
                    int hash = line.indexOf('#');
                    String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (content.isEmpty()) {
                        continue;
                    }
                    String[] fields = content.split("\\s+");
                    if (fields.length >= 2 && fields[1].contains("/")) {
                        map.putIfAbsent(fields[1].toLowerCase(java.util.Locale.ROOT), fields[0]);
                    }
                }
                break;
            } catch (IOException ignored) {
                // unreadable: numeric service names it is
            }
        }
        return map;
    }

    private static List<Path> candidates() {
        String root = System.getenv("SystemRoot");
        if (root != null) {
            return List.of(Path.of(root, "System32", "drivers", "etc", "services"));
        }
        return List.of(Path.of("/etc/services"));
    }
}
