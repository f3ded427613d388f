package dev.weft.rxjava3.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.TimeSource;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * The RxJava {@link Scheduler} of {@code RxFlows.asScheduler(Dispatcher)}. Each {@link Worker}
 * runs its tasks one at a time and in order, in a coroutine on the dispatcher that is started when
 * the worker's queue becomes non-empty and ends when it is drained (so an idle worker holds no
 * coroutine). A delayed task waits in a coroutine of its own ({@link Coroutines#delay}, so it takes
 * no carrier while it waits) and then joins the queue. Periodic tasks are RxJava's own
 * ({@link Worker#schedulePeriodically}: drift-corrected rescheduling on this worker).
 *
 * <p>A task that throws reports to {@link RxJavaPlugins#onError} and the worker carries on.
 * Disposing a task that has not started removes it (a waiting delay is cancelled); one that runs
 * finishes undisturbed (no interrupt). Disposing a worker does that for all its tasks;
 * {@link #shutdown()} disposes every worker and refuses new tasks until {@link #start()}.
 */
final class DispatcherScheduler extends Scheduler {
    private final Dispatcher dispatcher;
    private final AtomicReference<CompositeDisposable> workers = new AtomicReference<>(new CompositeDisposable());

    DispatcherScheduler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * RxJava's default (the wall clock) for a dispatcher on the system clock; the dispatcher's own
     * clock otherwise (a virtual one in tests), which its delays follow too: RxJava corrects the
     * drift of periodic tasks with this reading.
     */
    @Override
    public long now(TimeUnit unit) {
        TimeSource time = dispatcher.timeSource();
        return time == TimeSource.system() ? super.now(unit) : ownClock(time, unit);
    }

    private static long ownClock(TimeSource time, TimeUnit unit) {
        return unit.convert(time.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        CompositeDisposable all = workers.get();
        DispatcherWorker w = new DispatcherWorker(this, all);
        if (!all.add(w)) {
            w.dispose(); // shut down: a disposed worker refuses every task
        }
        return w;
    }

    @Override
    public void shutdown() {
        workers.get().dispose();
    }

    @Override
    public void start() {
        for (;;) {
            CompositeDisposable current = workers.get();
            if (!current.isDisposed() || workers.compareAndSet(current, new CompositeDisposable())) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "asScheduler(" + dispatcher + ")";
    }

    /** One worker: a queue drained by at most one coroutine at a time. */
    static final class DispatcherWorker extends Worker implements Disposable {
        private final DispatcherScheduler owner;
        private final CompositeDisposable parent;
        private final CompositeDisposable tasks = new CompositeDisposable();
        private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean disposed;

        DispatcherWorker(DispatcherScheduler owner, CompositeDisposable parent) {
            this.owner = owner;
            this.parent = parent;
        }

        /** The clock of {@link DispatcherScheduler#now(TimeUnit)}; RxJava's periodic tasks read this one. */
        @Override
        public long now(TimeUnit unit) {
            TimeSource time = owner.dispatcher.timeSource();
            return time == TimeSource.system() ? super.now(unit) : ownClock(time, unit);
        }

        @Override
        public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
            if (disposed) {
                return Disposable.disposed();
            }
            Task t = new Task(RxJavaPlugins.onSchedule(run), this);
            if (!tasks.add(t)) {
                return Disposable.disposed();
            }
            long nanos = unit.toNanos(delay);
            try {
                if (nanos <= 0) {
                    enqueue(t);
                } else {
                    t.timer(Bridge.launch(owner.dispatcher, () -> {
                        Coroutines.delay(Duration.ofNanos(nanos));
                        enqueue(t);
                    }, "asScheduler delay"));
                }
            } catch (RejectedExecutionException e) {
                tasks.delete(t);
                RxJavaPlugins.onError(e); // the dispatcher is closed (as RxJava's ExecutorScheduler does)
                return Disposable.disposed();
            }
            return t;
        }

        private void enqueue(Task t) {
            queue.offer(t);
            if (wip.getAndIncrement() == 0) {
                try {
                    Bridge.launch(owner.dispatcher, this::drain, "asScheduler worker");
                } catch (RejectedExecutionException e) {
                    queue.clear();
                    wip.set(0);
                    throw e; // schedule reports it and returns a disposed Disposable
                }
            }
        }

        private void drain() {
            int missed = 1;
            for (;;) {
                Task t;
                while ((t = queue.poll()) != null) {
                    if (!disposed) {
                        t.runOnce();
                    }
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        void remove(Task t) {
            tasks.delete(t);
        }

        @Override
        public void dispose() {
            if (!disposed) {
                disposed = true;
                tasks.dispose();
                parent.delete(this);
            }
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }

    /** A scheduled task: waiting (perhaps in a delay), running, done, or disposed. */
    static final class Task extends AtomicInteger implements Disposable {
        private static final long serialVersionUID = 1L;
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int FINISHED = 2;
        private static final int DISPOSED = 3;

        private final Runnable run;
        private final DispatcherWorker worker;
        private final AtomicReference<@Nullable Subscription> timer = new AtomicReference<>();

        Task(Runnable run, DispatcherWorker worker) {
            this.run = run;
            this.worker = worker;
        }

        void timer(Subscription s) {
            if (!timer.compareAndSet(null, s)) {
                s.cancel(); // disposed before the delay started
            }
        }

        void runOnce() {
            if (!compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                run.run();
            } catch (Throwable e) {
                // a CancellationException is dropped only when it is this coroutine being stopped;
                // one the task raised itself (a cancelled future's join) is its failure
                if (!(e instanceof CancellationException) || !runnerCancelled()) {
                    RxJavaPlugins.onError(e);
                }
            } finally {
                compareAndSet(RUNNING, FINISHED);
                worker.remove(this);
            }
        }

        private static boolean runnerCancelled() {
            dev.weft.core.Job self = Coroutines.currentJob();
            return self != null && self.isCancelled();
        }

        @Override
        public void dispose() {
            for (;;) {
                int s = get();
                if (s == FINISHED || s == DISPOSED) {
                    return;
                }
                if (compareAndSet(s, DISPOSED)) {
                    break;
                }
            }
            Subscription t = timer.getAndSet(CANCELLED);
            if (t != null) {
                t.cancel();
            }
            worker.remove(this);
        }

        @Override
        public boolean isDisposed() {
            int s = get();
            return s == FINISHED || s == DISPOSED;
        }
    }

    private static final Subscription CANCELLED = new Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };
}
