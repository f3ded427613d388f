package dev.weft.reactor.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.TimeSource;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.scheduler.Scheduler;

/**
 * {@code asDispatcher(Scheduler)} and {@code asScheduler(Dispatcher)}: each unwraps what the other
 * made, so a round trip gives back the original object: the clock of a dispatcher made from a
 * scheduler ({@link Dispatcher#timeSource()}) holds that scheduler, and a scheduler made from a
 * dispatcher is a {@link DispatcherScheduler}.
 */
public final class SchedulerDispatchers {
    private SchedulerDispatchers() {
    }

    /**
     * Returns a dispatcher whose carriers are tasks of {@code scheduler}.
     *
     * @param scheduler the scheduler
     * @return the dispatcher (the original one if {@code scheduler} came from {@link #asScheduler})
     */
    public static Dispatcher asDispatcher(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        if (scheduler instanceof DispatcherScheduler ds) {
            return ds.dispatcher();
        }
        // the dispatcher's clock is the scheduler's: asScheduler finds the scheduler there
        return Dispatchers.from(new SchedulerExecutor(scheduler), new SchedulerTime(scheduler));
    }

    /**
     * Returns a scheduler that runs tasks as coroutines on {@code dispatcher}.
     *
     * @param dispatcher the dispatcher
     * @return the scheduler (the original one if {@code dispatcher} came from {@link #asDispatcher})
     */
    public static Scheduler asScheduler(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return dispatcher.timeSource() instanceof SchedulerTime time
                ? time.scheduler
                : new DispatcherScheduler(dispatcher);
    }

    /**
     * The scheduler's clock and timed scheduling as a weft time source, so a {@code delay} on the
     * dispatcher is a {@code scheduler.schedule(wake, delay)} (and a virtual-time scheduler such as
     * reactor-test's {@code VirtualTimeScheduler} drives it).
     */
    private static final class SchedulerTime implements TimeSource {
        private final Scheduler scheduler;
        /** The latest reading: Reactor's default {@code now} is the wall clock, which may step back. */
        private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        SchedulerTime(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public long nanoTime() {
            long now = scheduler.now(TimeUnit.NANOSECONDS);
            return last.accumulateAndGet(now, Math::max);
        }

        @Override
        public dev.weft.core.Disposable schedule(Runnable action, long delayNanos) {
            try {
                reactor.core.Disposable d = scheduler.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
                return d::dispose;
            } catch (RejectedExecutionException disposed) {
                // a disposed (or time-less) scheduler: the wake-up still has to happen
                return TimeSource.system().schedule(action, delayNanos);
            }
        }
    }

    /** Runs a coroutine's continuations as tasks of a scheduler. */
    private record SchedulerExecutor(Scheduler scheduler) implements Executor {
        @Override
        public void execute(Runnable command) {
            scheduler.schedule(command); // a disposed scheduler throws RejectedExecutionException: weft falls back
        }

        @Override
        public String toString() {
            return scheduler.toString();
        }
    }
}
