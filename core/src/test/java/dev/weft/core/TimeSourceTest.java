package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public time hook: a dispatcher made with a {@link TimeSource} reads all of weft's time from it. */
class TimeSourceTest {
    private final ExecutorService carriers = Executors.newSingleThreadExecutor();
    private final ManualClock clock = new ManualClock();
    private final Dispatcher d = Dispatchers.from(carriers, clock);

    @AfterEach
    void shutdown() throws InterruptedException {
        carriers.shutdown();
        assertThat(carriers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A clock that moves only when the test says so. */
    static final class ManualClock implements TimeSource {
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

        synchronized int pendingCount() {
            return pending.size();
        }

        synchronized List<Long> pendingDelays() {
            return pending.stream().map(e -> e.at - now).toList();
        }

        void advance(Duration by) {
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
        void awaitPending(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pendingCount() < count) {
                assertThat(System.nanoTime()).as("coroutine scheduled its wake-up").isLessThan(deadline);
                Thread.sleep(1);
            }
        }
    }

    @Test
    void delayIsScheduledOnTheTimeSourceAndEndsWhenItsClockMoves() throws Exception {
        try (OwnedScope scope = CoroutineScope.of(d)) {
            AtomicReference<Long> elapsed = new AtomicReference<>();
            Job job = scope.launch(() -> {
                long start = clock.nanoTime();
                Coroutines.delay(Duration.ofHours(1));
                elapsed.set(clock.nanoTime() - start);
            });
            clock.awaitPending(1);
            assertThat(clock.pendingDelays()).containsExactly(Duration.ofHours(1).toNanos());
            clock.advance(Duration.ofMinutes(59));
            assertThat(job.isActive()).isTrue();
            clock.advance(Duration.ofMinutes(1));
            job.join();
            assertThat(elapsed.get()).isEqualTo(Duration.ofHours(1).toNanos());
        }
    }

    @Test
    void withTimeoutAndWithTimeoutOrNullFireOnTheTimeSource() throws Exception {
        try (OwnedScope scope = CoroutineScope.of(d)) {
            Deferred<Throwable> timedOut = scope.async(() -> {
                try {
                    Coroutines.withTimeout(Duration.ofDays(1), () -> {
                        Coroutines.delay(Duration.ofDays(2));
                        return "late";
                    });
                    return null;
                } catch (TimeoutCancellationException e) {
                    return e;
                }
            });
            Deferred<String> orNull = scope.async(() -> Coroutines.withTimeoutOrNull(Duration.ofDays(1),
                    () -> { Coroutines.delay(Duration.ofDays(2)); return "late"; }));
            clock.awaitPending(4); // two timeouts, two delays
            clock.advance(Duration.ofDays(1));
            assertThat(timedOut.await()).isInstanceOf(TimeoutCancellationException.class)
                    .hasMessageContaining("PT24H");
            assertThat(orNull.await()).isNull();
            assertThat(clock.pendingCount()).as("the abandoned delays disposed their wake-ups").isZero();
        }
    }

    @Test
    void aCancelledDelayDisposesItsWakeUp() throws Exception {
        try (OwnedScope scope = CoroutineScope.of(d)) {
            CountDownLatch cleanedUp = new CountDownLatch(1);
            Job job = scope.launch(() -> {
                try {
                    Coroutines.delay(Duration.ofDays(365));
                } finally {
                    cleanedUp.countDown();
                }
            });
            clock.awaitPending(1);
            job.cancel();
            job.join();
            assertThat(cleanedUp.getCount()).isZero();
            assertThat(job.isCancelled()).isTrue();
            assertThat(clock.pendingCount()).isZero();
        }
    }

    @Test
    void theSystemTimeSourceIsRealTime() throws Exception {
        TimeSource system = TimeSource.system();
        long before = system.nanoTime();
        CountDownLatch ran = new CountDownLatch(1);
        system.schedule(ran::countDown, TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(system.nanoTime() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        CountDownLatch never = new CountDownLatch(1);
        system.schedule(never::countDown, TimeUnit.MILLISECONDS.toNanos(20)).dispose();
        assertThat(never.await(100, TimeUnit.MILLISECONDS)).as("disposed action does not run").isFalse();
    }

    @Test
    void nullArgumentsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> Dispatchers.from(null, clock)).isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThatThrownBy(() -> Dispatchers.from(carriers, null)).isInstanceOf(NullPointerException.class).hasMessage("time");
    }

    @Test
    void coroutineInfoTellsTheDispatcherAndJob() throws Exception {
        try (OwnedScope scope = CoroutineScope.of(d)) {
            Job job = scope.launch(() -> Coroutines.delay(Duration.ofHours(1)));
            clock.awaitPending(1);
            CoroutineInfo info = CoroutineDebug.liveCoroutines(false).stream()
                    .filter(i -> i.job() == job).findFirst().orElseThrow();
            assertThat(info.runsOn(d)).isTrue();
            assertThat(info.runsOn(Dispatchers.DEFAULT)).isFalse();
            assertThat(info.stackTrace()).isEmpty();
            assertThat(info.threadState()).as("an untimed park: virtual time, not real").isEqualTo(Thread.State.WAITING);
            job.cancel();
            job.join();
        }
    }
}
