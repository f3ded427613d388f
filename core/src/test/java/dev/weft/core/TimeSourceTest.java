package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.testkit.ManualClock;
import java.time.Duration;
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

    @Test
    void eachDispatcherTellsWhichClockItsCoroutinesRead() {
        assertThat(d.timeSource()).isSameAs(clock);
        assertThat(Dispatchers.DEFAULT.timeSource()).isSameAs(TimeSource.system());
        assertThat(Dispatchers.IO.timeSource()).isSameAs(TimeSource.system());
        assertThat(Dispatchers.from(carriers).timeSource()).isSameAs(TimeSource.system());
        try (CloseableDispatcher single = Dispatchers.newSingleThread("clock")) {
            assertThat(single.timeSource()).isSameAs(TimeSource.system());
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
