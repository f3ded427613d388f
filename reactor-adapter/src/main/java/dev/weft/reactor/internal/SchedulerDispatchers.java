package dev.weft.reactor.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import reactor.core.scheduler.Scheduler;

/**
 * {@code asDispatcher(Scheduler)} and {@code asScheduler(Dispatcher)}: each unwraps what the other
 * made, so a round trip gives back the original object.
 */
public final class SchedulerDispatchers {
    /** Dispatchers made from schedulers, to unwrap them; weak so a dropped dispatcher is forgotten. */
    private static final Map<Dispatcher, Scheduler> MADE = Collections.synchronizedMap(new WeakHashMap<>());

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
        Dispatcher d = Dispatchers.from(new SchedulerExecutor(scheduler));
        MADE.put(d, scheduler);
        return d;
    }

    /**
     * Returns a scheduler that runs tasks as coroutines on {@code dispatcher}.
     *
     * @param dispatcher the dispatcher
     * @return the scheduler (the original one if {@code dispatcher} came from {@link #asDispatcher})
     */
    public static Scheduler asScheduler(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Scheduler s = MADE.get(dispatcher);
        return s != null ? s : new DispatcherScheduler(dispatcher);
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
