package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.flow.Flow;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each {@link ObservableOverflow} policy under a fast emitter on one platform thread and a collector
 * that does not take anything until the emitter has finished: if any policy parked or blocked the
 * emitting thread, the emitter could never finish and the test fails on its bounded join. This is
 * the situation of kotlinx.coroutines #3979 (an Rx emitter thread, the Android main thread, blocked
 * by {@code Observable.asFlow} once 64 elements wait) and #3282 (a deadlock when emitter and
 * collector share one thread).
 */
class ObservableOverflowTest {
    private static final int N = 2_000;
    private static final int CAPACITY = 16;

    /** What one run saw: the elements collected, and the failure of the collection, if any. */
    private record Outcome(List<Integer> elements, Throwable failure) {
    }

    private static Outcome runWithStalledCollector(ObservableOverflow policy) throws Exception {
        PublishSubject<Integer> subject = PublishSubject.create();
        CountDownLatch emitterDone = new CountDownLatch(1);
        List<Integer> got = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger disposed = new AtomicInteger();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job collector = scope.launch(() -> {
                try {
                    RxFlows.asFlow(subject.doOnDispose(disposed::incrementAndGet), policy).collect(v -> {
                        emitterDone.await(); // the collector is slow: it takes nothing before the emitter is done
                        got.add(v);
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!subject.hasObservers()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            Thread emitter = Thread.ofPlatform().name("rx-emitter").start(() -> {
                for (int i = 0; i < N; i++) {
                    subject.onNext(i);
                }
                subject.onComplete();
                emitterDone.countDown();
            });
            emitter.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(emitter.isAlive()).as("the emitter finished its %d onNext calls without waiting for the collector", N)
                    .isFalse();
            collector.join();
        }
        if (policy.strategy() == ObservableOverflow.Strategy.ERROR) {
            assertThat(disposed).as("the Observable is disposed on overflow").hasValue(1);
        }
        return new Outcome(got, failure.get());
    }

    private static void assertIncreasing(List<Integer> xs) {
        for (int i = 1; i < xs.size(); i++) {
            assertThat(xs.get(i)).isGreaterThan(xs.get(i - 1));
        }
    }

    @Test
    void errorPolicyDeliversWhatFitThenFailsWithMissingBackpressure() throws Exception {
        Outcome o = runWithStalledCollector(ObservableOverflow.error(CAPACITY));
        assertThat(o.failure()).isInstanceOf(MissingBackpressureException.class)
                .hasMessageContaining("error(16)").hasMessageContaining("ObservableOverflow");
        // the capacity, plus at most the one element the collector had already taken
        assertThat(o.elements()).hasSizeBetween(CAPACITY, CAPACITY + 1)
                .isEqualTo(IntStream.range(0, o.elements().size()).boxed().toList());
    }

    @Test
    void dropOldestKeepsTheNewest() throws Exception {
        Outcome o = runWithStalledCollector(ObservableOverflow.dropOldest(CAPACITY));
        assertThat(o.failure()).isNull();
        List<Integer> newest = IntStream.range(N - CAPACITY, N).boxed().toList();
        assertThat(o.elements()).hasSizeBetween(CAPACITY, CAPACITY + 1).endsWith(newest.toArray(Integer[]::new));
        assertIncreasing(o.elements());
    }

    @Test
    void dropLatestKeepsTheOldest() throws Exception {
        Outcome o = runWithStalledCollector(ObservableOverflow.dropLatest(CAPACITY));
        assertThat(o.failure()).isNull();
        assertThat(o.elements()).hasSizeBetween(CAPACITY, CAPACITY + 1)
                .isEqualTo(IntStream.range(0, o.elements().size()).boxed().toList());
    }

    @Test
    void keepLatestDeliversTheLastElement() throws Exception {
        Outcome o = runWithStalledCollector(ObservableOverflow.keepLatest());
        assertThat(o.failure()).isNull();
        assertThat(o.elements()).hasSizeBetween(1, 2).endsWith(N - 1);
    }

    @Test
    void unboundedDeliversEverything() throws Exception {
        Outcome o = runWithStalledCollector(ObservableOverflow.unbounded());
        assertThat(o.failure()).isNull();
        assertThat(o.elements()).isEqualTo(IntStream.range(0, N).boxed().toList());
    }

    @Test
    void theDefaultIsABoundedBufferThatFails() throws Exception {
        assertThat(ObservableOverflow.DEFAULT).isEqualTo(ObservableOverflow.error(ObservableOverflow.DEFAULT_CAPACITY));
        PublishSubject<Integer> subject = PublishSubject.create();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job collector = scope.launch(() -> {
                try {
                    RxFlows.asFlow(subject).collect(v -> release.await());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            while (!subject.hasObservers()) {
                Thread.sleep(1);
            }
            for (int i = 0; i < ObservableOverflow.DEFAULT_CAPACITY + 2; i++) {
                subject.onNext(i); // this test thread is the emitter: it must never wait
            }
            release.countDown();
            collector.join();
        }
        assertThat(failure.get()).isInstanceOf(MissingBackpressureException.class);
    }

    /**
     * kotlinx #3282: a synchronous Observable subscribed from a coroutine on a single-thread
     * dispatcher, emitting 1001 elements. With kotlinx the 65th {@code onNext} blocks the only
     * thread, which the collector needs, forever. Here the emitter never waits: the default policy
     * holds all 1001, and a burst beyond the default capacity fails fast instead of hanging.
     */
    @Test
    void aSynchronousObservableOnTheCollectorsOwnThreadNeverDeadlocks() {
        try (CloseableDispatcher single = Dispatchers.newSingleThread("rx-3282")) {
            Observable<Integer> burst1001 = Observable.create(e -> {
                for (int i = 0; i <= 1000; i++) {
                    e.onNext(i);
                }
                e.onComplete();
            });
            long count = Coroutines.runBlocking(single, () -> RxFlows.asFlow(burst1001).count());
            assertThat(count).isEqualTo(1001);

            Observable<Integer> burst5000 = Observable.range(0, 5000);
            assertThatThrownBy(() -> Coroutines.runBlocking(single, () -> RxFlows.asFlow(burst5000).count()))
                    .isInstanceOf(MissingBackpressureException.class);
            assertThat(Coroutines.runBlocking(single, () -> RxFlows.asFlow(burst5000, ObservableOverflow.unbounded()).count()))
                    .isEqualTo(5000);
            // the first element may already be handed to the waiting collector; the rest conflate
            List<Integer> latest = Coroutines.runBlocking(single, () -> RxFlows.asFlow(burst5000, ObservableOverflow.keepLatest()).toList());
            assertThat(latest).hasSizeBetween(1, 2).endsWith(4999);
        }
    }

    @Test
    void aCollectorThatKeepsUpLosesNothingUnderTheDefault() {
        // Observable.interval paces the emitter; the collector is much faster than 1 element/ms
        List<Long> got = Coroutines.runBlocking(() ->
                RxFlows.asFlow(Observable.interval(0, 1, TimeUnit.MILLISECONDS).take(50)).toList());
        assertThat(got).isEqualTo(java.util.stream.LongStream.range(0, 50).boxed().toList());
    }

    @Test
    void earlyStopDisposesTheObservableAndErrorsPropagate() {
        AtomicInteger disposed = new AtomicInteger();
        List<Long> got = Coroutines.runBlocking(() ->
                RxFlows.asFlow(Observable.interval(1, TimeUnit.MILLISECONDS).doOnDispose(disposed::incrementAndGet)).take(3).toList());
        assertThat(got).containsExactly(0L, 1L, 2L);
        assertThat(disposed).hasValue(1);
        List<Integer> before = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            RxFlows.asFlow(Observable.just(1, 2).concatWith(Observable.error(new IllegalStateException("late"))))
                    .collect(before::add);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("late");
        assertThat(before).containsExactly(1, 2);
    }

    @Test
    void cancellingTheCollectorDisposesTheObservable() throws Exception {
        CountDownLatch disposed = new CountDownLatch(1);
        PublishSubject<Integer> subject = PublishSubject.create();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> RxFlows.asFlow(subject.doOnDispose(disposed::countDown)).collect(v -> { }));
            while (!subject.hasObservers()) {
                Thread.sleep(1);
            }
            job.cancel();
            assertThat(disposed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFollowingBufferFusesWithThePolicy() {
        // a following conflate replaces the policy of the one channel: still one element at the end
        Flow<Integer> f = RxFlows.asFlow(Observable.range(0, 100), ObservableOverflow.unbounded()).conflate();
        assertThat(Coroutines.runBlocking(() -> f.toList())).endsWith(99);
    }

    @Test
    void policiesValidateAndDescribeThemselves() {
        assertThatThrownBy(() -> ObservableOverflow.error(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> ObservableOverflow.dropOldest(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObservableOverflow.dropLatest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ObservableOverflow.dropOldest(3)).hasToString("dropOldest(3)").isEqualTo(ObservableOverflow.dropOldest(3));
        assertThat(ObservableOverflow.keepLatest().capacity()).isEqualTo(1);
        assertThat(ObservableOverflow.unbounded().strategy()).isEqualTo(ObservableOverflow.Strategy.UNBOUNDED);
    }
}
