package org.jasyncio.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what jasyncio logs while it is open. jasyncio logs through {@link System.Logger},
 * which goes to java.util.logging when the {@code java.logging} module is present (it is
 * on the test class path), so a JUL handler on the logger {@code org.jasyncio} sees it.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
                records.notifyAll();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Captures every level of the logger {@code org.jasyncio}. */
    public LogCapture() {
        this("org.jasyncio");
    }

    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        previousLevel = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** A snapshot of the records so far. */
    public List<LogRecord> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    /** The messages so far, at {@code level} or above. */
    public List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records()) {
            if (r.getLevel().intValue() >= level.intValue()) {
                out.add(r.getMessage());
            }
        }
        return out;
    }

    /** Waits (bounded) for a record that matches; returns it, or {@code null} after {@code timeout}. */
    public LogRecord await(Predicate<LogRecord> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (true) {
                for (LogRecord r : records) {
                    if (match.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                records.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
