package dev.weft.reactor.internal;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.TimeSource;
import dev.weft.core.channels.Channel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * A Reactor {@link Scheduler} that runs every task in a coroutine on a weft dispatcher: tasks may
 * block or suspend without holding a carrier, timed tasks wait with {@link Coroutines#delay}, and
 * disposing a task cancels its coroutine. A {@link Worker} runs its tasks one at a time in
 * submission order (Reactor's contract) through one draining coroutine.
 *
 * <p>All coroutines live in a supervisor scope of this scheduler; {@link #dispose()} cancels them
 * and refuses new tasks with Reactor's {@code RejectedExecutionException}. A task that throws is
 * reported to {@link Operators#onErrorDropped} (Reactor's error hooks), as nobody else can see it.
 */
final class DispatcherScheduler implements Scheduler {
    private final Dispatcher dispatcher;
    private final OwnedScope scope;

    DispatcherScheduler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.scope = CoroutineScope.supervisor(dispatcher);
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return launch(scope, () -> runTask(task));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        return launch(scope, () -> {
            sleep(nanos);
            runTask(task);
        });
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        long first = unit.toNanos(initialDelay);
        long every = unit.toNanos(period);
        return launch(scope, () -> periodically(dispatcher.timeSource(), first, every, () -> runTask(task)));
    }

    /**
     * Reactor's default (the wall clock in milliseconds) for a dispatcher on the system clock; the
     * dispatcher's own clock otherwise (a virtual one in tests), which its delays follow too.
     */
    @Override
    public long now(TimeUnit unit) {
        TimeSource time = dispatcher.timeSource();
        return time == TimeSource.system()
                ? Scheduler.super.now(unit)
                : unit.convert(time.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        return new SerialWorker(dispatcher);
    }

    @Override
    public void dispose() {
        scope.close();
    }

    @Override
    public boolean isDisposed() {
        return !scope.isActive();
    }

    @Override
    public String toString() {
        return "asScheduler(" + dispatcher.name() + ")";
    }

    // ------------------------------------------------------------------ shared pieces

    private static Disposable launch(OwnedScope scope, ThrowingRunnable body) {
        Job job = scope.launch(body);
        if (job.isCancelled() && !scope.isActive()) {
            throw Exceptions.failWithRejected();
        }
        return new JobDisposable(job);
    }

    static void runTask(Runnable task) {
        try {
            task.run();
        } catch (CancellationException e) {
            Job self = Coroutines.currentJob();
            if (self != null && self.isCancelled()) {
                throw e; // the task (or its worker, or the scheduler) was disposed: it stops here
            }
            // the task's own failure (an await of a cancelled Mono, a cancelled future's join):
            // reported like any other, and a worker's drain coroutine goes on to its next task
            Operators.onErrorDropped(e, Context.empty());
        } catch (Throwable t) {
            Operators.onErrorDropped(t, Context.empty());
        }
    }

    private static void sleep(long nanos) {
        if (nanos > 0) {
            Coroutines.delay(Duration.ofNanos(nanos));
        }
    }

    /**
     * Runs {@code body} at {@code first}, {@code first + every}, ... of {@code time} (the clock the
     * dispatcher's delays follow): a fixed rate; a late run is not repeated to catch up.
     */
    private static void periodically(TimeSource time, long first, long every, ThrowingRunnable body) throws Exception {
        long next = time.nanoTime() + Math.max(0, first);
        sleep(first);
        do {
            body.run();
            if (every <= 0) {
                Coroutines.yieldNow(); // period 0: run again as soon as others had their turn
                continue;
            }
            next += every;
            long now = time.nanoTime();
            if (next - now < 0) {
                next = now;
            }
            sleep(next - now);
        } while (true);
    }

    /** A scheduled task's handle: disposing it cancels its coroutine. */
    private record JobDisposable(Job job) implements Disposable {
        @Override
        public void dispose() {
            job.cancel();
        }

        @Override
        public boolean isDisposed() {
            return job.isCompleted();
        }
    }

    /** A queued worker task; disposing it before it ran keeps it from running. */
    private static final class WorkerTask implements Disposable {
        final Runnable task;
        volatile boolean disposed;

        WorkerTask(Runnable task) {
            this.task = task;
        }

        @Override
        public void dispose() {
            disposed = true;
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }

    /**
     * A worker: its own supervisor scope and an unlimited queue drained by one coroutine, started
     * with the first task, so tasks never overlap and run in the order they were queued.
     */
    private static final class SerialWorker implements Worker {
        private final OwnedScope scope;
        private final Channel<WorkerTask> queue = Channel.unlimited();
        private final TimeSource time;
        private boolean draining;

        SerialWorker(Dispatcher dispatcher) {
            this.scope = CoroutineScope.supervisor(dispatcher);
            this.time = dispatcher.timeSource();
        }

        @Override
        public Disposable schedule(Runnable task) {
            WorkerTask t = new WorkerTask(task);
            enqueue(t);
            return t;
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            long nanos = unit.toNanos(delay);
            if (nanos <= 0) {
                return schedule(task);
            }
            WorkerTask t = new WorkerTask(task);
            Disposable timer = launch(scope, () -> {
                sleep(nanos);
                enqueue(t);
            });
            return composite(t, timer);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            long first = unit.toNanos(initialDelay);
            long every = unit.toNanos(period);
            WorkerTask t = new WorkerTask(task);
            Disposable timer = launch(scope, () -> periodically(time, first, every, () -> {
                if (!t.disposed) {
                    enqueue(new WorkerTask(() -> {
                        if (!t.disposed) {
                            task.run();
                        }
                    }));
                }
            }));
            return composite(t, timer);
        }

        private static Disposable composite(WorkerTask t, Disposable timer) {
            return new Disposable() {
                @Override
                public void dispose() {
                    t.dispose();
                    timer.dispose();
                }

                @Override
                public boolean isDisposed() {
                    return t.isDisposed();
                }
            };
        }

        private void enqueue(WorkerTask t) {
            boolean start;
            synchronized (this) {
                if (!scope.isActive()) {
                    throw Exceptions.failWithRejected();
                }
                start = !draining;
                draining = true;
            }
            if (start) {
                launch(scope, this::drain);
            }
            if (!queue.trySend(t).isSuccess() && !scope.isActive()) {
                throw Exceptions.failWithRejected();
            }
        }

        private void drain() {
            for (WorkerTask t : queue) {
                if (!t.disposed) {
                    runTask(t.task);
                }
            }
        }

        @Override
        public void dispose() {
            queue.cancel();
            scope.close();
        }

        @Override
        public boolean isDisposed() {
            return !scope.isActive();
        }
    }
}
