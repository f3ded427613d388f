package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subjects.SingleSubject;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Awaits of Single/Maybe/Completable/Observable, their flows, the builders, and Deferred/Job conversions. */
class AwaitAndBuildersTest {

    // ------------------------------------------------------------------ awaits

    @Test
    void awaitReturnsTheValueOrRethrows() {
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.await(Single.just("a")))).isEqualTo("a");
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.await(Single.timer(10, TimeUnit.MILLISECONDS).map(x -> 7)))).isEqualTo(7);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.await(Single.error(new IllegalStateException("x")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("x");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.await(Single.error(new IOException("io")))))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void awaitOrNullAndAwaitCompletable() {
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.awaitOrNull(Maybe.just(3)))).isEqualTo(3);
        Integer none = Coroutines.runBlocking(() -> RxFlows.awaitOrNull(Maybe.<Integer>empty()));
        assertThat(none).isNull();
        AtomicInteger ran = new AtomicInteger();
        Coroutines.runBlocking(() -> {
            RxFlows.await(Completable.fromAction(ran::incrementAndGet));
            return null;
        });
        assertThat(ran).hasValue(1);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            RxFlows.await(Completable.error(new IllegalArgumentException("c")));
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("c");
    }

    @Test
    void observableAwaits() {
        Observable<Integer> three = Observable.just(1, 2, 3);
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.awaitFirst(three))).isEqualTo(1);
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.awaitLast(three))).isEqualTo(3);
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.awaitSingle(Observable.just(9)))).isEqualTo(9);
        assertThat((Object) Coroutines.runBlocking(() -> RxFlows.awaitFirstOrNull(Observable.<Integer>empty()))).isNull();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.awaitFirst(Observable.empty())))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.awaitLast(Observable.empty())))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.awaitSingle(three)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaitFirstDisposesAnInfiniteObservable() {
        AtomicInteger disposed = new AtomicInteger();
        assertThat((Object) Coroutines.runBlocking(() ->
                RxFlows.awaitFirst(Observable.interval(1, TimeUnit.MILLISECONDS).doOnDispose(disposed::incrementAndGet))))
                .isEqualTo(0L);
        assertThat(disposed).hasValue(1);
    }

    @Test
    void cancellingAnAwaitingCoroutineDisposesTheSource() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(4);
        CountDownLatch disposed = new CountDownLatch(4);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<Job> jobs = List.of(
                    scope.launch(() -> RxFlows.await(Single.never().doOnSubscribe(d -> subscribed.countDown()).doOnDispose(disposed::countDown))),
                    scope.launch(() -> RxFlows.awaitOrNull(Maybe.never().doOnSubscribe(d -> subscribed.countDown()).doOnDispose(disposed::countDown))),
                    scope.launch(() -> RxFlows.await(Completable.never().doOnSubscribe(d -> subscribed.countDown()).doOnDispose(disposed::countDown))),
                    scope.launch(() -> RxFlows.awaitFirst(Observable.never().doOnSubscribe(d -> subscribed.countDown()).doOnDispose(disposed::countDown))));
            assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
            jobs.forEach(Job::cancel);
            assertThat(disposed.await(5, TimeUnit.SECONDS)).isTrue();
            for (Job j : jobs) {
                j.join();
                assertThat(j.isCancelled()).isTrue();
            }
        }
    }

    @Test
    void singleMaybeAndCompletableAsFlows() {
        assertThat(Coroutines.<List<Integer>>runBlocking(() -> RxFlows.asFlow(Single.just(1)).toList())).containsExactly(1);
        assertThat(Coroutines.<List<Integer>>runBlocking(() -> RxFlows.asFlow(Maybe.just(2)).toList())).containsExactly(2);
        assertThat(Coroutines.<List<Integer>>runBlocking(() -> RxFlows.asFlow(Maybe.<Integer>empty()).toList())).isEmpty();
        AtomicInteger ran = new AtomicInteger();
        assertThat(Coroutines.<List<Integer>>runBlocking(() -> RxFlows.<Integer>asFlow(Completable.fromAction(ran::incrementAndGet)).toList())).isEmpty();
        assertThat(ran).hasValue(1);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.asFlow(Single.error(new IllegalStateException("s"))).toList()))
                .isInstanceOf(IllegalStateException.class).hasMessage("s");
        // cold: each collection subscribes
        AtomicInteger subs = new AtomicInteger();
        var f = RxFlows.asFlow(Single.just(5).doOnSubscribe(d -> subs.incrementAndGet()));
        assertThat(subs).hasValue(0);
        Coroutines.runBlocking(() -> f.count() + f.count());
        assertThat(subs).hasValue(2);
    }

    // ------------------------------------------------------------------ builders

    @Test
    void rxSingleComputesPerSubscription() {
        AtomicInteger runs = new AtomicInteger();
        Single<Integer> s = RxFlows.rxSingle(() -> runs.incrementAndGet() * 10 + RxFlows.await(Single.just(1)));
        assertThat(runs).hasValue(0);
        s.test().awaitDone(5, TimeUnit.SECONDS).assertResult(11);
        s.test().awaitDone(5, TimeUnit.SECONDS).assertResult(21);
    }

    @Test
    void rxSingleReturningNullFailsWithAHintToRxMaybe() {
        RxFlows.rxSingle(() -> null).test().awaitDone(5, TimeUnit.SECONDS)
                .assertError(e -> e instanceof NullPointerException && e.getMessage().contains("rxMaybe"));
    }

    @Test
    void rxSingleFailsWithTheBlocksException() {
        RxFlows.rxSingle(() -> {
            throw new IOException("checked");
        }).test().awaitDone(5, TimeUnit.SECONDS).assertError(IOException.class);
    }

    @Test
    void rxMaybeAndRxCompletable() {
        RxFlows.rxMaybe(() -> 4).test().awaitDone(5, TimeUnit.SECONDS).assertResult(4);
        RxFlows.rxMaybe(() -> null).test().awaitDone(5, TimeUnit.SECONDS).assertResult();
        AtomicInteger ran = new AtomicInteger();
        RxFlows.rxCompletable(ran::incrementAndGet).test().awaitDone(5, TimeUnit.SECONDS).assertComplete();
        assertThat(ran).hasValue(1);
        RxFlows.rxCompletable(() -> {
            throw new IllegalStateException("no");
        }).test().awaitDone(5, TimeUnit.SECONDS).assertError(IllegalStateException.class);
    }

    @Test
    void disposingABuilderCancelsItsCoroutineAndRunsFinally() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch finallyRan = new CountDownLatch(3);
        java.util.concurrent.Callable<Integer> slow = () -> {
            try {
                started.countDown();
                Coroutines.delay(Duration.ofMinutes(5));
                return 1;
            } finally {
                finallyRan.countDown();
            }
        };
        TestObserver<Integer> a = RxFlows.rxSingle(slow).test();
        TestObserver<Integer> b = RxFlows.rxMaybe(slow).test();
        TestObserver<Void> c = RxFlows.rxCompletable(() -> slow.call()).test();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        a.dispose();
        b.dispose();
        c.dispose();
        assertThat(finallyRan.await(5, TimeUnit.SECONDS)).isTrue();
        a.assertNoValues().assertNoErrors();
    }

    @Test
    void rxFlowableSendsAgainstDemandAndCompletes() {
        AtomicInteger sent = new AtomicInteger();
        Flowable<Integer> f = RxFlows.rxFlowable(scope -> {
            for (int i = 0; i < 10; i++) {
                scope.send(i);
                sent.incrementAndGet();
            }
        });
        TestSubscriber<Integer> ts = f.test(2);
        ts.awaitCount(2);
        assertThat(ts.values()).containsExactly(0, 1);
        assertThat(sent.get()).isLessThanOrEqualTo(2);
        ts.request(100);
        ts.awaitDone(5, TimeUnit.SECONDS).assertComplete().assertValueCount(10);
    }

    @Test
    void cancellingRxFlowableCancelsASuspendedSend() throws Exception {
        CountDownLatch finallyRan = new CountDownLatch(1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        TestSubscriber<Integer> ts = RxFlows.<Integer>rxFlowable(scope -> {
            try {
                scope.send(1);
                scope.send(2); // no demand: suspends
            } catch (Throwable t) {
                seen.set(t);
                throw t;
            } finally {
                finallyRan.countDown();
            }
        }).test(1);
        ts.awaitCount(1);
        ts.cancel();
        assertThat(finallyRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void rxObservableDeliversAndDisposes() throws Exception {
        RxFlows.rxObservable(scope -> {
            scope.send("x");
            scope.send("y");
        }).test().awaitDone(5, TimeUnit.SECONDS).assertResult("x", "y");
        CountDownLatch finallyRan = new CountDownLatch(1);
        TestObserver<Integer> to = RxFlows.<Integer>rxObservable(scope -> {
            try {
                scope.send(1);
                Coroutines.delay(Duration.ofMinutes(5));
            } finally {
                finallyRan.countDown();
            }
        }).test();
        to.awaitCount(1);
        to.dispose();
        assertThat(finallyRan.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void buildersRunOnTheGivenDispatcher() {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("rx-builder")) {
            String where = RxFlows.rxSingle(d, () -> Thread.currentThread().toString()).blockingGet();
            assertThat(where).contains("rx-builder");
            String maybeWhere = RxFlows.rxMaybe(d, () -> Thread.currentThread().toString()).blockingGet();
            assertThat(maybeWhere).contains("rx-builder");
            String flowableWhere = RxFlows.<String>rxFlowable(d, s -> s.send(Thread.currentThread().toString())).blockingFirst();
            assertThat(flowableWhere).contains("rx-builder");
            String observableWhere = RxFlows.<String>rxObservable(d, s -> s.send(Thread.currentThread().toString())).blockingFirst();
            assertThat(observableWhere).contains("rx-builder");
            AtomicReference<String> ran = new AtomicReference<>();
            RxFlows.rxCompletable(d, () -> ran.set(Thread.currentThread().toString())).blockingAwait();
            assertThat(ran.get()).contains("rx-builder");
        }
    }

    // ------------------------------------------------------------------ Deferred / Job

    @Test
    void deferredAndJobConversions() throws Exception {
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            CountDownLatch go = new CountDownLatch(1);
            Deferred<String> d = scope.async(() -> {
                go.await();
                return "v";
            });
            Single<String> single = RxFlows.asSingle(d);
            TestObserver<String> early = single.test();
            early.assertNotComplete();
            go.countDown();
            early.awaitDone(5, TimeUnit.SECONDS).assertResult("v");
            single.test().assertResult("v"); // hot: completed already, answers at once
            RxFlows.asMaybe(d).test().assertResult("v");
            RxFlows.asMaybe(scope.async(() -> null)).test().awaitDone(5, TimeUnit.SECONDS).assertResult();
            RxFlows.asSingle(scope.async(() -> null)).test().awaitDone(5, TimeUnit.SECONDS)
                    .assertError(e -> e instanceof NullPointerException && e.getMessage().contains("asMaybe"));
            RxFlows.asSingle(scope.async(() -> {
                throw new IllegalStateException("f");
            })).test().awaitDone(5, TimeUnit.SECONDS).assertError(IllegalStateException.class);

            Job job = scope.launch(() -> Coroutines.delay(Duration.ofMillis(20)));
            RxFlows.asCompletable(job).test().awaitDone(5, TimeUnit.SECONDS).assertComplete();
            Job never = scope.launch(() -> Coroutines.delay(Duration.ofMinutes(5)));
            TestObserver<Void> watcher = RxFlows.asCompletable(never).test();
            never.cancel();
            watcher.awaitDone(5, TimeUnit.SECONDS).assertError(CancellationException.class);
        }
    }

    @Test
    void disposingAsSingleDoesNotCancelTheDeferred() {
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<Integer> d = scope.async(() -> {
                Coroutines.delay(Duration.ofMillis(50));
                return 1;
            });
            RxFlows.asSingle(d).test().dispose();
            assertThat((Object) Coroutines.runBlocking(d::await)).isEqualTo(1);
        }
    }

    @Test
    void awaitInsideRxSingleWithSingleSubject() {
        SingleSubject<Integer> subject = SingleSubject.create();
        TestObserver<Integer> to = RxFlows.rxSingle(() -> RxFlows.await(subject) + 1).test();
        while (!subject.hasObservers()) {
            Thread.onSpinWait();
        }
        subject.onSuccess(41);
        to.awaitDone(5, TimeUnit.SECONDS).assertResult(42);
    }
}
