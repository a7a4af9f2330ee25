package org.jasyncio.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code jasyncio} program. {@code ./jasyncio} with no arguments runs the main job;
 * {@code ./jasyncio help} lists the commands.
 */
public final class Main {
    /** A subcommand: its name, a one-line summary, and what it does with its arguments. */
    interface Command {
        String summary();

        /** The command's options, one line; empty if it takes none. */
        default String options() {
            return "";
        }

        int run(String[] args) throws Exception;
    }

    /** The README's first command, {@code ./jasyncio}: the platform report. */
    static final String DEFAULT_COMMAND = "platform";

    private Main() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("platform", new PlatformCommand());
        commands.put("demo", new DemoCommand());
        commands.put("echo-server", new EchoServerCommand());
        commands.put("http-server", new HttpServerCommand());
        return commands;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Map<String, Command> commands = commands();
        if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
            usage(commands);
            return 0;
        }
        // No command, or options first ("jasyncio --json"): the options are the default command's.
        boolean defaulted = args.length == 0 || args[0].startsWith("-");
        String name = defaulted ? DEFAULT_COMMAND : args[0];
        String[] rest = defaulted ? args : Arrays.copyOfRange(args, 1, args.length);
        Command command = commands.get(name);
        if (command == null) {
            System.err.println("jasyncio: unknown command '" + name + "'");
            usage(commands);
            return 2;
        }
        try {
            return command.run(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("jasyncio " + name + ": " + e.getMessage());
            System.err.println("usage: jasyncio " + name + " " + command.options());
            return 2;
        }
    }

    private static void usage(Map<String, Command> commands) {
        System.out.println("usage: jasyncio [command] [options]   (no command: " + DEFAULT_COMMAND + ")");
        for (Map.Entry<String, Command> e : commands.entrySet()) {
            System.out.printf("  %-14s %s%n", e.getKey(), e.getValue().summary());
            String options = e.getValue().options();
            if (!options.isEmpty()) {
                System.out.printf("  %-14s   %s%n", "", options);
            }
        }
    }
}
