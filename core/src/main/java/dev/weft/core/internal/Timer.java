package dev.weft.core.internal;

import dev.weft.core.Disposable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The wall-clock timer behind timeouts: one daemon thread, shared by all real dispatchers. */
final class Timer {
    private static final ScheduledThreadPoolExecutor EXEC;

    static {
        EXEC = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "weft-timer");
            t.setDaemon(true);
            return t;
        });
        EXEC.setRemoveOnCancelPolicy(true);
    }

    private Timer() {
    }

    static Disposable schedule(Runnable action, long delayNanos) {
        ScheduledFuture<?> f = EXEC.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
