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
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Flowable to flow and flow to Flowable/Observable: elements, backpressure, errors, cancellation. */
class FlowableTest {

    @Test
    void asFlowDeliversEveryElementInOrderAndCompletes() {
        List<Integer> got = Coroutines.runBlocking(() -> RxFlows.asFlow(Flowable.range(1, 10_000)).toList());
        assertThat(got).hasSize(10_000).startsWith(1, 2, 3).endsWith(10_000);
    }

    @Test
    void asFlowRequestsInBatchesNotEverything() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        Coroutines.runBlocking(() -> RxFlows.asFlow(Flowable.range(1, 1000).doOnRequest(requests::add)).count());
        assertThat(requests).isNotEmpty().allMatch(n -> n < Long.MAX_VALUE);
    }

    @Test
    void asFlowRethrowsTheFlowablesErrorAfterTheElements() {
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            RxFlows.asFlow(Flowable.just(1, 2).concatWith(Flowable.error(new IllegalStateException("boom"))))
                    .collect(got::add);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(got).containsExactly(1, 2);
    }

    @Test
    void asFlowRethrowsACheckedErrorWrapped() {
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> RxFlows.asFlow(Flowable.error(new IOException("io"))).count()))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void anEarlyStopCancelsTheFlowable() {
        AtomicInteger cancels = new AtomicInteger();
        List<Integer> got = Coroutines.runBlocking(() ->
                RxFlows.asFlow(Flowable.range(1, 1_000_000).doOnCancel(cancels::incrementAndGet)).take(3).toList());
        assertThat(got).containsExactly(1, 2, 3);
        assertThat(cancels).hasValue(1);
    }

    @Test
    void cancellingTheCollectorCancelsTheSubscription() throws Exception {
        PublishProcessor<Integer> source = PublishProcessor.create();
        CountDownLatch cancelled = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> RxFlows.asFlow(source.doOnCancel(cancelled::countDown)).collect(v -> { }));
            while (!source.hasSubscribers()) {
                Thread.sleep(1);
            }
            job.cancel();
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
    }

    @Test
    void asFlowIsCold() {
        AtomicInteger subscriptions = new AtomicInteger();
        Flow<Integer> f = RxFlows.asFlow(Flowable.just(1).doOnSubscribe(s -> subscriptions.incrementAndGet()));
        assertThat(subscriptions).hasValue(0);
        Coroutines.runBlocking(() -> f.count() + f.count());
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void asFlowableEmitsOnlyAgainstRequests() {
        AtomicInteger produced = new AtomicInteger();
        Flowable<Integer> f = RxFlows.asFlowable(Flow.flow(out -> {
            for (int i = 1; i <= 100; i++) {
                produced.incrementAndGet();
                out.emit(i);
            }
        }));
        TestSubscriber<Integer> ts = f.test(0);
        ts.awaitCount(0);
        ts.request(3);
        ts.awaitCount(3);
        assertThat(ts.values()).containsExactly(1, 2, 3);
        // the producer waits inside the 4th emit: one element ahead at most
        assertThat(produced.get()).isLessThanOrEqualTo(4);
        ts.request(Long.MAX_VALUE);
        ts.awaitDone(5, TimeUnit.SECONDS).assertComplete().assertValueCount(100);
    }

    @Test
    void cancellingTheFlowableSubscriptionCancelsTheCoroutineAndRunsItsFinally() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finallyRan = new CountDownLatch(1);
        Flowable<Integer> f = RxFlows.asFlowable(Flow.flow(out -> {
            try {
                started.countDown();
                Coroutines.delay(Duration.ofMinutes(5));
            } finally {
                finallyRan.countDown();
            }
        }));
        TestSubscriber<Integer> ts = f.test();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ts.cancel();
        assertThat(finallyRan.await(5, TimeUnit.SECONDS)).isTrue();
        ts.assertNotComplete().assertNoErrors();
    }

    @Test
    void asFlowableSignalsTheFlowsError() {
        RxFlows.asFlowable(Flow.<Integer>error(new IllegalArgumentException("bad")))
                .test().awaitDone(5, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    }

    @Test
    void asFlowableRunsOnTheGivenDispatcher() {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("rx-test")) {
            TestSubscriber<String> ts = RxFlows.asFlowable(Flow.<String>flow(out -> out.emit(Thread.currentThread().toString())), d)
                    .test().awaitDone(5, TimeUnit.SECONDS);
            ts.assertComplete();
            assertThat(ts.values().get(0)).contains("rx-test");
        }
    }

    @Test
    void roundTripFlowableToFlowToFlowable() {
        TestSubscriber<Integer> ts = RxFlows.asFlowable(RxFlows.asFlow(Flowable.range(0, 50_000)).map(i -> i * 2))
                .test().awaitDone(10, TimeUnit.SECONDS);
        ts.assertComplete().assertValueCount(50_000);
        assertThat(ts.values().get(49_999)).isEqualTo(99_998);
    }

    @Test
    void asObservableDeliversAndDisposes() throws Exception {
        RxFlows.asObservable(Flow.of(1, 2, 3)).test().awaitDone(5, TimeUnit.SECONDS).assertResult(1, 2, 3);
        CountDownLatch finallyRan = new CountDownLatch(1);
        var to = RxFlows.asObservable(Flow.<Integer>flow(out -> {
            try {
                out.emit(1);
                Coroutines.delay(Duration.ofMinutes(5));
            } finally {
                finallyRan.countDown();
            }
        })).test();
        to.awaitCount(1);
        to.dispose();
        assertThat(finallyRan.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void collectingOnACancelledCoroutineThrowsCancellation() {
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            Coroutines.currentJob().cancel();
            return RxFlows.asFlow(Flowable.never()).count();
        })).isInstanceOf(CancellationException.class);
    }
}
