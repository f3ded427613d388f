package dev.weft.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Disposable;
import dev.weft.core.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TimeSource} that moves only when the test says so ({@link #advance}); actions scheduled
 * on it run on the advancing thread once their time has come.
 */
public final class ManualClock implements TimeSource {
    private long now = 1_000;
    private final List<Entry> pending = new ArrayList<>();

    private record Entry(long at, Runnable action) {
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Disposable schedule(Runnable action, long delayNanos) {
        Entry e = new Entry(now + Math.min(delayNanos, Long.MAX_VALUE / 2), action);
        pending.add(e);
        return () -> {
            synchronized (this) {
                pending.remove(e);
            }
        };
    }

    /** @return how many scheduled actions wait for their time */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** @return the time left, in nanoseconds, for each waiting action */
    public synchronized List<Long> pendingDelays() {
        return pending.stream().map(e -> e.at - now).toList();
    }

    /** Moves the clock on by {@code by} and runs, on the calling thread, every action now due. */
    public void advance(Duration by) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            now += by.toNanos();
            pending.removeIf(e -> {
                if (e.at <= now) {
                    due.add(e.action);
                    return true;
                }
                return false;
            });
        }
        due.forEach(Runnable::run);
    }

    /** Waits in real time until something is scheduled: the coroutine has reached its wait. */
    public void awaitPending(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pendingCount() < count) {
            assertThat(System.nanoTime()).as("coroutine scheduled its wake-up").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
