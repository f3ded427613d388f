package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.testkit.Fixtures;
import dev.weft.core.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** asDispatcher / asScheduler: where things run, timed scheduling, unwrapping, disposal. */
class SchedulerDispatcherTest {

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    /** A scheduler that counts what is scheduled on it, delegating to a real one. */
    private static final class CountingScheduler implements Scheduler {
        final Scheduler delegate;
        final AtomicInteger immediate = new AtomicInteger();
        final AtomicInteger timed = new AtomicInteger();

        CountingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Disposable schedule(Runnable task) {
            immediate.incrementAndGet();
            return delegate.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            timed.incrementAndGet();
            return delegate.schedule(task, delay, unit);
        }

        @Override
        public Worker createWorker() {
            return delegate.createWorker();
        }
    }

    @Test
    void aCoroutineOnAParallelSchedulerRunsOnItsThreadsAndMayAwait() {
        Dispatcher d = ReactorFlows.asDispatcher(Schedulers.parallel());
        String r = Coroutines.runBlocking(d, () -> {
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            assertThat(Thread.currentThread().toString()).contains("parallel-");
            assertThat(Schedulers.isInNonBlockingThread()).isFalse();
            return ReactorFlows.await(Mono.delay(Duration.ofMillis(5)).thenReturn("awaited"));
        });
        assertThat(r).isEqualTo("awaited");
    }

    @Test
    void delayOnTheDispatcherUsesTheSchedulersTimedScheduling() {
        CountingScheduler s = new CountingScheduler(Schedulers.parallel());
        Dispatcher d = ReactorFlows.asDispatcher(s);
        long start = System.nanoTime();
        Coroutines.runBlocking(d, () -> {
            Coroutines.delay(Duration.ofMillis(30));
            return null;
        });
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(s.timed.get()).isGreaterThanOrEqualTo(1);
        assertThat(s.immediate.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void eachConversionUnwrapsTheOther() {
        Scheduler s = Schedulers.boundedElastic();
        assertThat(ReactorFlows.asScheduler(ReactorFlows.asDispatcher(s))).isSameAs(s);
        Scheduler made = ReactorFlows.asScheduler(Dispatchers.IO);
        try {
            assertThat(ReactorFlows.asDispatcher(made)).isSameAs(Dispatchers.IO);
        } finally {
            made.dispose();
        }
    }

    @Test
    void asSchedulerKeepsTimeByTheDispatchersClock() throws Exception {
        // a dispatcher on a clock of its own (a virtual one here, as in weft-test): periodic tasks
        // keep their rate on that clock and now() reads it; the real clock hardly moves meanwhile
        ExecutorService carriers = Executors.newSingleThreadExecutor();
        ManualClock clock = new ManualClock();
        Scheduler s = ReactorFlows.asScheduler(Dispatchers.from(carriers, clock));
        Scheduler.Worker w = s.createWorker();
        try {
            AtomicInteger onScheduler = new AtomicInteger();
            AtomicInteger onWorker = new AtomicInteger();
            long start = s.now(TimeUnit.NANOSECONDS);
            s.schedulePeriodically(onScheduler::incrementAndGet, 10, 10, TimeUnit.MILLISECONDS);
            w.schedulePeriodically(onWorker::incrementAndGet, 10, 10, TimeUnit.MILLISECONDS);
            for (int tick = 1; tick <= 5; tick++) {
                clock.awaitPending(2); // both periodic coroutines wait for their next run
                clock.advance(Duration.ofMillis(10));
                Fixtures.awaitCount(onScheduler, tick);
                Fixtures.awaitCount(onWorker, tick);
            }
            assertThat(s.now(TimeUnit.NANOSECONDS) - start).isEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(s.now(TimeUnit.MILLISECONDS) - TimeUnit.NANOSECONDS.toMillis(start)).isEqualTo(50);
            clock.awaitPending(2);
            assertThat(clock.pendingDelays()).as("each next run is one period away")
                    .containsOnly(Duration.ofMillis(10).toNanos());
        } finally {
            w.dispose();
            s.dispose();
            carriers.shutdown();
            assertThat(carriers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void asSchedulerOfASystemClockDispatcherKeepsReactorsWallClock() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("wall")) {
            Scheduler s = ReactorFlows.asScheduler(d);
            try {
                long wall = System.currentTimeMillis();
                assertThat(s.now(TimeUnit.MILLISECONDS)).isBetween(wall - 1_000, wall + 60_000);
            } finally {
                s.dispose();
            }
        }
    }

    @Test
    void asSchedulerRunsTasksAsCoroutinesOnTheDispatcher() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("as-sched")) {
            Scheduler s = ReactorFlows.asScheduler(d);
            try {
                AtomicReference<String> where = new AtomicReference<>();
                CountDownLatch ran = new CountDownLatch(1);
                s.schedule(() -> {
                    where.set(Thread.currentThread().isVirtual() + "@" + Thread.currentThread());
                    ran.countDown();
                });
                assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(where.get()).startsWith("true@").contains("as-sched");

                StepVerifier.create(Flux.range(1, 100).publishOn(s).map(i -> i * 2)).expectNextCount(100).verifyComplete();
                StepVerifier.create(Mono.delay(Duration.ofMillis(20), s)).expectNext(0L).verifyComplete();
                StepVerifier.create(Flux.interval(Duration.ofMillis(5), s).take(3)).expectNext(0L, 1L, 2L).verifyComplete();
            } finally {
                s.dispose();
            }
        }
    }

    @Test
    void aWorkerRunsItsTasksOneAtATimeInOrder() throws Exception {
        Scheduler s = ReactorFlows.asScheduler(Dispatchers.DEFAULT);
        Scheduler.Worker w = s.createWorker();
        try {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            int n = 2000;
            for (int i = 0; i < n; i++) {
                int k = i;
                w.schedule(() -> {
                    if (running.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    order.add(k);
                    running.decrementAndGet();
                    if (k == n - 1) {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps).hasValue(0);
            for (int i = 0; i < n; i++) {
                assertThat(order.get(i)).isEqualTo(i);
            }
            // a disposed task does not run; a delayed one does
            CountDownLatch delayed = new CountDownLatch(1);
            AtomicInteger disposedRan = new AtomicInteger();
            Disposable t = w.schedule(disposedRan::incrementAndGet, 50, TimeUnit.MILLISECONDS);
            t.dispose();
            w.schedule(delayed::countDown, 10, TimeUnit.MILLISECONDS);
            assertThat(delayed.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(80);
            assertThat(disposedRan).hasValue(0);
        } finally {
            w.dispose();
            s.dispose();
        }
        assertThat(w.isDisposed()).isTrue();
        assertThatThrownBy(() -> w.schedule(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void disposingTheSchedulerCancelsItsTasksAndRefusesNewOnes() throws Exception {
        Scheduler s = ReactorFlows.asScheduler(Dispatchers.DEFAULT);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        s.schedule(() -> {
            started.countDown();
            try {
                Coroutines.delay(Duration.ofSeconds(30));
            } catch (java.util.concurrent.CancellationException e) {
                interrupted.countDown();
                throw e;
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        s.dispose();
        assertThat(interrupted.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(s.isDisposed()).isTrue();
        assertThatThrownBy(() -> s.schedule(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aFailingTaskGoesToReactorsDroppedErrorHook() throws Exception {
        List<Throwable> dropped = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch seen = new CountDownLatch(1);
        Hooks.onErrorDropped(e -> {
            dropped.add(e);
            seen.countDown();
        });
        Scheduler s = ReactorFlows.asScheduler(Dispatchers.DEFAULT);
        try {
            s.schedule(() -> {
                throw new IllegalStateException("task failed");
            });
            assertThat(seen.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("task failed"));
        } finally {
            s.dispose();
        }
    }

    @Test
    void aTaskThrowingCancellationExceptionDoesNotStopItsWorker() throws Exception {
        // e.g. a task awaiting a Mono of a cancelled Deferred: its CancellationException is the
        // task's failure, not the worker being disposed, so later tasks must still run
        List<Throwable> dropped = Collections.synchronizedList(new ArrayList<>());
        Hooks.onErrorDropped(dropped::add);
        Scheduler s = ReactorFlows.asScheduler(Dispatchers.DEFAULT);
        Scheduler.Worker w = s.createWorker();
        try {
            w.schedule(() -> {
                throw new java.util.concurrent.CancellationException("the task's own failure");
            });
            CountDownLatch next = new CountDownLatch(1);
            w.schedule(next::countDown);
            assertThat(next.await(5, TimeUnit.SECONDS)).as("a task after the failing one ran").isTrue();
            assertThat(w.isDisposed()).isFalse();
            assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("the task's own failure"));
        } finally {
            w.dispose();
            s.dispose();
        }
    }
}
