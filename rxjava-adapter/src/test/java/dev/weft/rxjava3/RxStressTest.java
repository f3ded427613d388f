package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races between the two sides, in loops bounded in count and in time: dispose against completion,
 * cancellation against emission from a foreign thread, worker disposal against scheduling. Each
 * round checks its own outcome; the leak check proves no coroutine outlives a round; no error may
 * reach RxJavaPlugins unless the round expects it.
 */
class RxStressTest {
    private static final int ROUNDS = 300;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(20);
    private final List<Throwable> plugins = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        RxJavaPlugins.setErrorHandler(plugins::add);
    }

    @AfterEach
    void reset() {
        RxJavaPlugins.setErrorHandler(null);
    }

    @Test
    void disposeRacesWithTheBuildersResult() throws Exception {
        long end = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < ROUNDS && System.nanoTime() < end; i++) {
            TestObserver<Integer> to = RxFlows.rxSingle(() -> RxFlows.await(Single.just(1))).test();
            Thread.onSpinWait();
            to.dispose();
            to.await(50, TimeUnit.MILLISECONDS);
            // either the value arrived before the dispose, or nothing at all
            if (to.values().size() == 1) {
                to.assertResult(1);
            } else {
                to.assertNoValues().assertNoErrors();
            }
        }
        assertThat(plugins).isEmpty();
    }

    @Test
    void cancellingTheCollectorRacesWithAForeignEmitter() throws Exception {
        long end = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < ROUNDS / 3 && System.nanoTime() < end; i++) {
            PublishSubject<Integer> subject = PublishSubject.create();
            AtomicLong seen = new AtomicLong();
            try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
                Job job = scope.launch(() -> RxFlows.asFlow(subject, ObservableOverflow.dropOldest(8))
                        .collect(v -> seen.incrementAndGet()));
                while (!subject.hasObservers()) {
                    Thread.onSpinWait();
                }
                CountDownLatch go = new CountDownLatch(1);
                Thread emitter = Thread.ofPlatform().start(() -> {
                    go.countDown();
                    for (int k = 0; k < 1_000; k++) {
                        subject.onNext(k);
                    }
                    subject.onComplete();
                });
                go.await();
                job.cancel();
                emitter.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(emitter.isAlive()).isFalse();
                job.join();
            }
            assertThat(seen.get()).isLessThanOrEqualTo(1_000);
        }
        assertThat(plugins).isEmpty();
    }

    @Test
    void overflowRacesWithCompletion() throws Exception {
        long end = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < ROUNDS / 3 && System.nanoTime() < end; i++) {
            PublishSubject<Integer> subject = PublishSubject.create();
            AtomicInteger got = new AtomicInteger();
            Throwable[] failure = new Throwable[1];
            try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
                Job job = scope.launch(() -> {
                    try {
                        RxFlows.asFlow(subject, ObservableOverflow.error(4)).collect(v -> got.incrementAndGet());
                    } catch (MissingBackpressureException e) {
                        failure[0] = e;
                    }
                });
                while (!subject.hasObservers()) {
                    Thread.onSpinWait();
                }
                for (int k = 0; k < 64; k++) {
                    subject.onNext(k);
                }
                subject.onComplete();
                job.join();
            }
            // all 64 arrived (the collector kept up) or the overflow failed the flow: never a hang
            assertThat(failure[0] != null || got.get() == 64).isTrue();
        }
        assertThat(plugins).isEmpty();
    }

    @Test
    void workerDisposalRacesWithScheduling() throws Exception {
        Scheduler s = RxFlows.asScheduler(Dispatchers.DEFAULT);
        long end = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < ROUNDS && System.nanoTime() < end; i++) {
            Scheduler.Worker w = s.createWorker();
            AtomicInteger ran = new AtomicInteger();
            Thread other = Thread.ofPlatform().start(() -> {
                for (int k = 0; k < 20; k++) {
                    w.schedule(ran::incrementAndGet);
                    w.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
                }
            });
            w.dispose();
            other.join();
            Disposable late = w.schedule(ran::incrementAndGet);
            assertThat(late.isDisposed()).isTrue();
            int after = ran.get();
            Thread.sleep(3);
            // nothing starts after the dispose (one task may have been running at that instant)
            assertThat(ran.get()).isLessThanOrEqualTo(after + 1);
        }
        assertThat(plugins).isEmpty();
    }

    @Test
    void manyConcurrentAwaitsInCoroutines() {
        long sum = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            List<dev.weft.core.Deferred<Integer>> ds = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                ds.add(scope.async(() -> RxFlows.await(Single.just(n).delay(1, TimeUnit.MILLISECONDS))));
            }
            long total = 0;
            for (var d : ds) {
                total += d.await();
            }
            return total;
        }));
        assertThat(sum).isEqualTo(1999L * 2000 / 2);
    }
}
