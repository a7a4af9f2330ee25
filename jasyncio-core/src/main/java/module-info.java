/**
 * jasyncio: Python's asyncio event-loop system for Java 25.
 *
 * <p>Needs, at run time: {@code --add-opens java.base/java.lang=org.jasyncio} (tasks as
 * virtual threads scheduled by the loop) and {@code --enable-native-access=org.jasyncio}
 * (the FFM backends). On the class path use {@code ALL-UNNAMED}; see docs/jvm-flags.md.
 */
module org.jasyncio {
    requires jdk.unsupported;   // sun.misc.Signal for signal handlers and Ctrl-C in Runner
    requires jdk.jfr;           // Flight Recorder events for slow callbacks

    exports org.jasyncio;
    exports org.jasyncio.context;
    exports org.jasyncio.loop;
    exports org.jasyncio.net;
    exports org.jasyncio.stream;
    exports org.jasyncio.platform;
    exports org.jasyncio.sync;
    exports org.jasyncio.subprocess;
    exports org.jasyncio.task;
    exports org.jasyncio.transport;
}
