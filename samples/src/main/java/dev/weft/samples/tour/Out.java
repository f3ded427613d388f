package dev.weft.samples.tour;

import java.io.PrintStream;
import java.util.Locale;

/** Where the tour prints: section titles and indented lines, flushed as they come. */
final class Out {
    private final PrintStream out;
    private final long start = System.nanoTime();

    Out(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        out.printf(Locale.ROOT, "%n%s%n", title);
        out.flush();
    }

    void line(String format, Object... args) {
        out.printf(Locale.ROOT, "   " + format + "%n", args);
        out.flush();
    }

    /** Prints without a line break (progress of a long step). */
    void partial(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
        out.flush();
    }

    long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The carrier a coroutine runs on, or the platform thread's name. */
    static String where() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return "platform thread '" + t.getName() + "'";
        }
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return "a coroutine on carrier " + (at < 0 ? s : s.substring(at + 1));
    }
}
