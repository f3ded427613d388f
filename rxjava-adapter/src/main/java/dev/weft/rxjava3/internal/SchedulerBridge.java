package dev.weft.rxjava3.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.TimeSource;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code asDispatcher(Scheduler)} and {@code asScheduler(Dispatcher)}, each unwrapping what the
 * other made: the clock of a dispatcher made from a scheduler ({@link Dispatcher#timeSource()}) holds
 * that scheduler, and a scheduler made from a dispatcher is a {@link DispatcherScheduler}.
 */
public final class SchedulerBridge {
    private SchedulerBridge() {
    }

    /**
     * The dispatcher whose coroutines run on {@code scheduler}.
     *
     * @param scheduler the scheduler
     * @return the dispatcher ({@link DispatcherScheduler#dispatcher()} for one made by
     *         {@link #asScheduler})
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
     * The scheduler whose workers run tasks in coroutines on {@code dispatcher}.
     *
     * @param dispatcher the dispatcher
     * @return the scheduler (the original one for a dispatcher made by {@link #asDispatcher})
     */
    public static Scheduler asScheduler(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return dispatcher.timeSource() instanceof SchedulerTime time
                ? time.scheduler
                : new DispatcherScheduler(dispatcher);
    }

    /**
     * The scheduler's clock and timed scheduling as the dispatcher's time: a {@code delay} on the
     * dispatcher is a {@code scheduleDirect(action, delay)} of the scheduler, so a
     * {@code TestScheduler} moves it with {@code advanceTimeBy}.
     */
    private static final class SchedulerTime implements TimeSource {
        private final Scheduler scheduler;
        /** The latest reading: {@code Scheduler.now} is a wall clock that may step back; weft's time may not. */
        private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

        SchedulerTime(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public long nanoTime() {
            long now = scheduler.now(TimeUnit.NANOSECONDS);
            return latest.accumulateAndGet(now, Math::max);
        }

        @Override
        public dev.weft.core.Disposable schedule(Runnable action, long delayNanos) {
            Once once = new Once(action);
            io.reactivex.rxjava3.disposables.Disposable d = scheduler.scheduleDirect(once, delayNanos, TimeUnit.NANOSECONDS);
            if (refused(d, once)) {
                // a shut-down scheduler: the wake-up still has to happen
                return TimeSource.system().schedule(action, delayNanos);
            }
            return d::dispose;
        }

        @Override
        public String toString() {
            return "time of " + scheduler;
        }
    }

    /** Runs each continuation of a coroutine as a direct task of the scheduler. */
    private record SchedulerExecutor(Scheduler scheduler) implements Executor {
        @Override
        public void execute(Runnable command) {
            Once once = new Once(command);
            if (refused(scheduler.scheduleDirect(once), once)) {
                // weft runs a rejected continuation on its own carriers instead (and logs it once)
                throw new RejectedExecutionException(scheduler + " refused a coroutine continuation (shut down)");
            }
        }

        @Override
        public String toString() {
            return "asDispatcher(" + scheduler + ")";
        }
    }

    /**
     * Tells whether the scheduler refused {@code task}: RxJava's schedulers do not throw when shut
     * down, they report the rejection to {@code RxJavaPlugins.onError} and return
     * {@link io.reactivex.rxjava3.disposables.Disposable#disposed()}. A trampoline returns the same
     * after running the task in place, so the task is claimed here only if it has not run: it then
     * never runs from the scheduler, and the caller runs it elsewhere.
     */
    private static boolean refused(io.reactivex.rxjava3.disposables.Disposable d, Once task) {
        return d == io.reactivex.rxjava3.disposables.Disposable.disposed() && task.claim();
    }

    /** A task that runs at most once, whoever claims it first. */
    private static final class Once extends java.util.concurrent.atomic.AtomicBoolean implements Runnable {
        private static final long serialVersionUID = 1L;
        private final transient Runnable task;

        Once(Runnable task) {
            this.task = task;
        }

        boolean claim() {
            return compareAndSet(false, true);
        }

        @Override
        public void run() {
            if (claim()) {
                task.run();
            }
        }
    }
}
