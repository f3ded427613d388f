package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.testkit.Fixtures;
import dev.weft.core.testkit.ManualClock;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** asDispatcher(Scheduler) and asScheduler(Dispatcher): where things run, time, workers, periodic tasks, disposal. */
class SchedulerTest {

    @AfterEach
    void resetPlugins() {
        RxJavaPlugins.reset();
    }

    // ------------------------------------------------------------------ asDispatcher

    @Test
    void coroutinesOnAsDispatcherRunOnTheSchedulersThreads() {
        Scheduler single = Schedulers.single();
        String where = Coroutines.runBlocking(RxFlows.asDispatcher(single), () -> Thread.currentThread().toString());
        assertThat(where).contains("RxSingleScheduler");
    }

    @Test
    void delayOnAsDispatcherIsScheduledByTheTestSchedulersClock() throws Exception {
        TestScheduler ts = new TestScheduler();
        // continuations run on a real thread of RxJava's single scheduler; time comes from the TestScheduler
        Scheduler runner = Schedulers.single();
        DelegatingTimeScheduler timed = new DelegatingTimeScheduler(runner, ts);
        Dispatcher d = RxFlows.asDispatcher(timed);
        AtomicInteger stage = new AtomicInteger();
        try (OwnedScope scope = CoroutineScope.of(d)) {
            Job job = scope.launch(() -> {
                stage.set(1);
                Coroutines.delay(Duration.ofHours(1));
                stage.set(2);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stage.get() != 1 || timed.timedTasks.get() == 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            ts.advanceTimeBy(59, TimeUnit.MINUTES);
            Thread.sleep(50);
            assertThat(stage).hasValue(1);
            ts.advanceTimeBy(1, TimeUnit.MINUTES);
            job.join();
            assertThat(stage).hasValue(2);
        }
    }

    @Test
    void aTestSchedulerAloneDrivesACoroutineAndItsDelays() {
        TestScheduler ts = new TestScheduler();
        AtomicInteger stage = new AtomicInteger();
        try (OwnedScope scope = CoroutineScope.of(RxFlows.asDispatcher(ts))) {
            Job job = scope.launch(() -> {
                stage.set(1);
                Coroutines.delay(Duration.ofSeconds(30));
                stage.set(2);
                Coroutines.delay(Duration.ofSeconds(30));
                stage.set(3);
            });
            assertThat(stage).hasValue(0); // nothing runs until the TestScheduler is told to
            ts.triggerActions();
            assertThat(stage).hasValue(1);
            ts.advanceTimeBy(29, TimeUnit.SECONDS);
            assertThat(stage).hasValue(1);
            ts.advanceTimeBy(1, TimeUnit.SECONDS);
            assertThat(stage).hasValue(2);
            ts.advanceTimeBy(30, TimeUnit.SECONDS);
            assertThat(stage).hasValue(3);
            assertThat(job.isCompleted()).isTrue();
        }
    }

    @Test
    void cancellingADelayDisposesItsScheduledWakeUp() throws Exception {
        TestScheduler ts = new TestScheduler();
        AtomicInteger disposed = new AtomicInteger();
        Scheduler counting = new DelegatingTimeScheduler(Schedulers.single(), ts) {
            @Override
            public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
                Disposable d = super.scheduleDirect(run, delay, unit);
                if (delay <= 0) {
                    return d;
                }
                return Disposable.fromAction(() -> {
                    disposed.incrementAndGet();
                    d.dispose();
                });
            }
        };
        try (OwnedScope scope = CoroutineScope.of(RxFlows.asDispatcher(counting))) {
            Job job = scope.launch(() -> Coroutines.delay(Duration.ofDays(1)));
            Thread.sleep(50);
            job.cancel();
            job.join();
        }
        assertThat(disposed.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theConversionsUnwrapEachOther() {
        Scheduler s = Schedulers.computation();
        assertThat(RxFlows.asScheduler(RxFlows.asDispatcher(s))).isSameAs(s);
        Scheduler fromDefault = RxFlows.asScheduler(Dispatchers.DEFAULT);
        assertThat(RxFlows.asDispatcher(fromDefault)).isSameAs(Dispatchers.DEFAULT);
    }

    // ------------------------------------------------------------------ asScheduler

    @Test
    void aWorkerRunsItsTasksInOrderOneAtATimeOnTheDispatcher() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newFixed(2, "rx-sched")) {
            Scheduler.Worker w = RxFlows.asScheduler(d).createWorker();
            List<Integer> order = new CopyOnWriteArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(200);
            for (int i = 0; i < 200; i++) {
                int n = i;
                w.schedule(() -> {
                    if (running.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    thread.set(Thread.currentThread().toString());
                    order.add(n);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps).hasValue(0);
            assertThat(order).isSorted().hasSize(200);
            assertThat(thread.get()).contains("rx-sched");
            w.dispose();
        }
    }

    @Test
    void delayedAndPeriodicTasksRunAndStopWhenDisposed() throws Exception {
        Scheduler s = RxFlows.asScheduler(Dispatchers.DEFAULT);
        Scheduler.Worker w = s.createWorker();
        CountDownLatch delayed = new CountDownLatch(1);
        long t0 = System.nanoTime();
        w.schedule(delayed::countDown, 30, TimeUnit.MILLISECONDS);
        assertThat(delayed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));

        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        Disposable periodic = w.schedulePeriodically(() -> {
            ticks.incrementAndGet();
            three.countDown();
        }, 5, 5, TimeUnit.MILLISECONDS);
        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        periodic.dispose();
        int after = ticks.get();
        Thread.sleep(60);
        assertThat(ticks.get()).isLessThanOrEqualTo(after + 1); // one may have been running while disposed
        w.dispose();
    }

    @Test
    void disposingAWorkerCancelsItsPendingTasks() throws Exception {
        Scheduler.Worker w = RxFlows.asScheduler(Dispatchers.DEFAULT).createWorker();
        AtomicInteger ran = new AtomicInteger();
        w.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS);
        Disposable task = w.schedule(ran::incrementAndGet, 50, TimeUnit.MILLISECONDS);
        task.dispose();
        assertThat(task.isDisposed()).isTrue();
        w.dispose();
        assertThat(w.isDisposed()).isTrue();
        assertThat(w.schedule(ran::incrementAndGet).isDisposed()).isTrue();
        Thread.sleep(100);
        assertThat(ran).hasValue(0); // the leak check proves the delayed tasks' coroutines ended
    }

    @Test
    void shutdownDisposesEveryWorkerUntilStart() throws Exception {
        Scheduler s = RxFlows.asScheduler(Dispatchers.DEFAULT);
        Scheduler.Worker w = s.createWorker();
        AtomicInteger ran = new AtomicInteger();
        w.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS);
        s.shutdown();
        assertThat(w.isDisposed()).isTrue();
        assertThat(s.createWorker().isDisposed()).isTrue();
        s.start();
        CountDownLatch ok = new CountDownLatch(1);
        Scheduler.Worker again = s.createWorker();
        again.schedule(ok::countDown);
        assertThat(ok.await(5, TimeUnit.SECONDS)).isTrue();
        again.dispose();
    }

    @Test
    void aThrowingTaskGoesToRxJavaPluginsAndTheWorkerCarriesOn() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(errors::add);
        try {
            Scheduler.Worker w = RxFlows.asScheduler(Dispatchers.DEFAULT).createWorker();
            CountDownLatch next = new CountDownLatch(1);
            w.schedule(() -> {
                throw new IllegalStateException("task failed");
            });
            w.schedule(next::countDown);
            assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
            // as RxJava's own schedulers do: RxJavaPlugins.onError gets the task's exception (it wraps
            // all but "bug" types such as this IllegalStateException in an UndeliverableException)
            assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessage("task failed"));
            w.dispose();
        } finally {
            RxJavaPlugins.setErrorHandler(null);
        }
    }

    @Test
    void aTaskThrowingCancellationExceptionIsReportedNotSwallowed() throws Exception {
        // the task's own failure (e.g. joining a cancelled future): nothing disposed the task, so
        // RxJava's own schedulers would hand it to RxJavaPlugins.onError, and so must this one
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(errors::add);
        try {
            Scheduler.Worker w = RxFlows.asScheduler(Dispatchers.DEFAULT).createWorker();
            CountDownLatch next = new CountDownLatch(1);
            w.schedule(() -> {
                throw new java.util.concurrent.CancellationException("the task's own failure");
            });
            w.schedule(next::countDown);
            assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
            // (a CancellationException is an IllegalStateException, a "bug" type RxJava does not wrap)
            assertThat(errors).singleElement().satisfies(e -> assertThat(e)
                    .isInstanceOf(java.util.concurrent.CancellationException.class)
                    .hasMessage("the task's own failure"));
            w.dispose();
        } finally {
            RxJavaPlugins.setErrorHandler(null);
        }
    }

    @Test
    void aShutDownSchedulerDoesNotStrandCoroutinesOnItsDispatcher() throws Exception {
        // RxJava's schedulers do not throw when shut down: they report the RejectedExecutionException
        // to RxJavaPlugins and return a disposed Disposable. The coroutine must still run (on a weft
        // carrier, as for any executor that rejects), not wait forever for a task that was dropped.
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(errors::add);
        // (a ScheduledExecutorService, as behind RxJava's own schedulers: a timed task is refused at
        // once; over a plain Executor RxJava refuses it later, on its helper thread, unseen by us)
        java.util.concurrent.ScheduledExecutorService exec = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        Dispatcher d = RxFlows.asDispatcher(Schedulers.from(exec));
        exec.shutdown();
        try (dev.weft.core.testkit.LogCapture log = dev.weft.core.testkit.LogCapture.of("dev.weft.core");
             OwnedScope scope = CoroutineScope.of(d)) {
            CountDownLatch ran = new CountDownLatch(1);
            scope.launch(ran::countDown);
            CountDownLatch woke = new CountDownLatch(1);
            scope.launch(() -> {
                Coroutines.delay(Duration.ofMillis(1)); // the timed wake-up is refused the same way
                woke.countDown();
            });
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("a coroutine started after the shutdown ran").isTrue();
            assertThat(woke.await(5, TimeUnit.SECONDS)).as("a delay after the shutdown ended").isTrue();
            assertThat(log.awaitOnly(java.util.logging.Level.WARNING).getMessage()).contains("rejected");
        } finally {
            RxJavaPlugins.setErrorHandler(null);
        }
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e)
                .hasRootCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class));
    }

    @Test
    void aWorkerOnAClosedDispatcherRefusesTasksAsRxJavasExecutorSchedulerDoes() throws Exception {
        // the task cannot run: schedule reports the RejectedExecutionException to RxJavaPlugins and
        // returns a disposed Disposable, every time, instead of a live one whose task never runs
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(errors::add);
        CloseableDispatcher d = Dispatchers.newSingleThread("closed-for-rx");
        d.close();
        try {
            Scheduler.Worker w = RxFlows.asScheduler(d).createWorker();
            AtomicInteger ran = new AtomicInteger();
            Disposable first = w.schedule(ran::incrementAndGet);
            Disposable second = w.schedule(ran::incrementAndGet);
            Disposable delayed = w.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
            assertThat(first.isDisposed()).isTrue();
            assertThat(second.isDisposed()).isTrue();
            assertThat(delayed.isDisposed()).isTrue();
            // (RxJavaPlugins wraps it in an UndeliverableException, as for RxJava's own schedulers)
            assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e)
                    .hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class));
            assertThat(ran).hasValue(0);
            w.dispose();
        } finally {
            RxJavaPlugins.setErrorHandler(null);
        }
    }

    @Test
    void asSchedulerKeepsTimeByTheDispatchersClock() throws Exception {
        // a dispatcher on a clock of its own (a virtual one here, as in weft-test): RxJava's periodic
        // scheduling corrects drift with now(), which must read that clock, not the system's
        ExecutorService carriers = Executors.newSingleThreadExecutor();
        ManualClock clock = new ManualClock();
        Scheduler s = RxFlows.asScheduler(Dispatchers.from(carriers, clock));
        Scheduler.Worker w = s.createWorker();
        try {
            AtomicInteger onScheduler = new AtomicInteger();
            AtomicInteger onWorker = new AtomicInteger();
            long start = s.now(TimeUnit.NANOSECONDS);
            long workerStart = w.now(TimeUnit.NANOSECONDS);
            Disposable a = s.schedulePeriodicallyDirect(onScheduler::incrementAndGet, 10, 10, TimeUnit.MILLISECONDS);
            Disposable b = w.schedulePeriodically(onWorker::incrementAndGet, 10, 10, TimeUnit.MILLISECONDS);
            for (int tick = 1; tick <= 5; tick++) {
                clock.awaitPending(2); // both periodic tasks wait for their next run
                clock.advance(Duration.ofMillis(10));
                Fixtures.awaitCount(onScheduler, tick);
                Fixtures.awaitCount(onWorker, tick);
            }
            assertThat(s.now(TimeUnit.NANOSECONDS) - start).isEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(w.now(TimeUnit.NANOSECONDS) - workerStart).isEqualTo(Duration.ofMillis(50).toNanos());
            clock.awaitPending(2);
            assertThat(clock.pendingDelays()).as("each next run is one period away")
                    .containsOnly(Duration.ofMillis(10).toNanos());
            a.dispose();
            b.dispose();
        } finally {
            w.dispose();
            s.shutdown();
            carriers.shutdown();
            assertThat(carriers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void asSchedulerOfASystemClockDispatcherKeepsRxJavasWallClock() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("wall")) {
            Scheduler s = RxFlows.asScheduler(d);
            long wall = System.currentTimeMillis();
            assertThat(s.now(TimeUnit.MILLISECONDS)).isBetween(wall - 1_000, wall + 60_000);
            assertThat(s.createWorker().now(TimeUnit.MILLISECONDS)).isBetween(wall - 1_000, wall + 60_000);
            s.shutdown();
        }
    }

    @Test
    void rxOperatorsRunOnAsScheduler() {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("rx-ops")) {
            Scheduler s = RxFlows.asScheduler(d);
            List<String> threads = Flowable.range(0, 3).observeOn(s).map(i -> Thread.currentThread().toString())
                    .toList().blockingGet();
            assertThat(threads).allMatch(t -> t.contains("rx-ops"));
            List<Long> ticks = Observable.interval(1, TimeUnit.MILLISECONDS, s).take(5).toList().blockingGet();
            assertThat(ticks).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(Flowable.timer(10, TimeUnit.MILLISECONDS, s).blockingFirst()).isZero();
        }
    }

    /** A scheduler that runs tasks on {@code runner} but keeps time (and timed tasks) on {@code time}. */
    static class DelegatingTimeScheduler extends Scheduler {
        private final Scheduler runner;
        private final TestScheduler time;
        final AtomicInteger timedTasks = new AtomicInteger();

        DelegatingTimeScheduler(Scheduler runner, TestScheduler time) {
            this.runner = runner;
            this.time = time;
        }

        @Override
        public Worker createWorker() {
            return runner.createWorker();
        }

        @Override
        public long now(TimeUnit unit) {
            return time.now(unit);
        }

        @Override
        public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
            if (delay <= 0) {
                return runner.scheduleDirect(run);
            }
            Disposable d = time.scheduleDirect(() -> runner.scheduleDirect(run), delay, unit);
            // counted once it is queued: a test that advances the clock after seeing the count
            // cannot slip between the delay's reading of the clock and its registration
            timedTasks.incrementAndGet();
            return d;
        }
    }
}
