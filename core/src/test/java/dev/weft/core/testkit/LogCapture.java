package dev.weft.core.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Takes the records of one logger (and of the loggers below it) while a test provokes them, so the
 * test asserts them instead of printing them: a green build prints no stack trace and no
 * SEVERE/WARNING line that nobody checked. weft logs through {@link System.Logger}, which the JDK
 * routes to {@code java.util.logging} when no other backend is installed (as in weft's tests); a
 * {@code System.Logger} level maps to a JUL level ({@code ERROR} to {@link Level#SEVERE},
 * {@code WARNING} to {@link Level#WARNING}, {@code INFO} to {@link Level#INFO}).
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("dev.weft.core")) {
 *     ... provoke the failure ...
 *     LogRecord r = log.awaitOnly(Level.SEVERE);
 *     assertThat(r.getThrown()).isSameAs(provoked);
 * }
 * }</pre>
 *
 * <p>A record that arrives after {@link #close()} goes to the console again, so a test awaits the
 * records it expects (they may be logged by another thread, e.g. a coroutine's uncaught failure
 * as the coroutine ends) before the capture closes.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final boolean useParentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        this.useParentHandlers = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /**
     * Starts taking the records of {@code loggerName} and the loggers below it, which no longer
     * reach the console until {@link #close()}. The logger's level is left alone: the capture
     * takes exactly what would have been printed (INFO and above by default).
     *
     * @param loggerName e.g. {@code "dev.weft.core"} (weft's core) or {@code "dev.weft.flow.reactive"}
     * @return the capture; close it to restore the logger
     */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /**
     * Matches records at {@code level}.
     *
     * @param level the JUL level
     * @return the predicate
     */
    public static Predicate<LogRecord> atLevel(Level level) {
        return r -> r.getLevel().equals(level);
    }

    /** {@return the records taken so far, oldest first} */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Waits up to 10 s for a record at {@code level}, and asserts that it is the only record
     * taken: the usual check of a test that provokes exactly one logged failure.
     *
     * @param level the JUL level ({@link Level#SEVERE} for weft's {@code ERROR} records, e.g. a
     *     coroutine's uncaught failure)
     * @return the record
     * @throws AssertionError if none comes in time, or other records were taken too
     */
    public LogRecord awaitOnly(Level level) {
        LogRecord r = await(1, atLevel(level)).get(0);
        List<LogRecord> all = records();
        if (all.size() != 1) {
            StringBuilder sb = new StringBuilder("expected only one record on '").append(logger.getName())
                    .append("', got ").append(all.size()).append(':');
            for (LogRecord x : all) {
                sb.append("\n  ").append(x.getLevel()).append(' ').append(x.getMessage());
            }
            throw new AssertionError(sb.toString());
        }
        return r;
    }

    /**
     * Waits up to 10 s until at least {@code count} records match {@code which}.
     *
     * @param count how many records to wait for
     * @param which the records to count
     * @return the matching records (at least {@code count})
     * @throws AssertionError listing the records taken if they do not come in time
     */
    public List<LogRecord> await(int count, Predicate<LogRecord> which) {
        return await(count, which, Duration.ofSeconds(10));
    }

    /**
     * Waits up to {@code timeout} until at least {@code count} records match {@code which}.
     *
     * @param count how many records to wait for
     * @param which the records to count
     * @param timeout how long to wait
     * @return the matching records (at least {@code count})
     * @throws AssertionError listing the records taken if they do not come in time
     */
    public List<LogRecord> await(int count, Predicate<LogRecord> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<LogRecord> matching = records.stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() - deadline > 0) {
                StringBuilder sb = new StringBuilder("expected ").append(count).append(" matching record(s) on '")
                        .append(logger.getName()).append("' within ").append(timeout).append(", got ")
                        .append(matching.size()).append("; all records taken:");
                for (LogRecord r : records) {
                    sb.append("\n  ").append(r.getLevel()).append(' ').append(r.getMessage());
                }
                throw new AssertionError(sb.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for log records", e);
            }
        }
    }

    /** Stops taking records and restores the logger's handlers and parent handlers. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(useParentHandlers);
    }
}
