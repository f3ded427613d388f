package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.flow.Flow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class AsFlowTest {
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "publisher-thread"));
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    static <T> List<T> collect(Flow<T> flow) {
        return Coroutines.runBlocking(() -> {
            List<T> out = new ArrayList<>();
            flow.collect(out::add);
            return out;
        });
    }

    @Test
    void collectsASynchronousPublisherInOrder() {
        RangePublisher p = new RangePublisher(0, 1000);
        assertThat(collect(ReactiveFlows.asFlow(p))).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
        assertThat(p.cancels).hasValue(0);
    }

    @Test
    void collectsAnAsynchronousPublisherInOrder() {
        RangePublisher p = new RangePublisher(0, 10_000, executor);
        assertThat(collect(ReactiveFlows.asFlow(p, 16))).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
        assertThat(p.requestThreads).allMatch(t -> t.isVirtual(), "requests come from the collecting coroutine");
    }

    @Test
    void emptyPublisherCompletes() {
        assertThat(collect(ReactiveFlows.asFlow(new RangePublisher(0, 0)))).isEmpty();
    }

    @Test
    void requestsPrefetchThenRefillsAtSeventyFivePercent() {
        RangePublisher p = new RangePublisher(0, 1000);
        collect(ReactiveFlows.asFlow(p));
        assertThat(p.requests.get(0)).isEqualTo(256L);
        assertThat(p.requests.subList(1, p.requests.size())).containsOnly(192L);
        // never more than the prefetch outstanding: 256 + k*192 requested after 192*k consumed
        assertThat(p.totalRequested()).isGreaterThanOrEqualTo(1000);

        RangePublisher q = new RangePublisher(0, 100);
        collect(ReactiveFlows.asFlow(q, 8));
        assertThat(q.requests.get(0)).isEqualTo(8L);
        assertThat(q.requests.subList(1, q.requests.size())).containsOnly(6L);
    }

    @Test
    void prefetchOfOneRequestsOneAtATime() {
        RangePublisher p = new RangePublisher(0, 20);
        assertThat(collect(ReactiveFlows.asFlow(p, 1))).hasSize(20);
        assertThat(p.requests).containsOnly(1L);
    }

    @Test
    void outstandingDemandNeverExceedsPrefetch() {
        // A recording collector checks, at each element, that requested - emitted <= prefetch.
        RangePublisher p = new RangePublisher(0, 5000, executor);
        int prefetch = 32;
        long[] seen = {0};
        Coroutines.runBlocking(() -> {
            ReactiveFlows.asFlow(p, prefetch).collect(v -> {
                seen[0]++;
                assertThat(p.totalRequested() - seen[0]).isLessThanOrEqualTo(prefetch);
            });
            return null;
        });
        assertThat(seen[0]).isEqualTo(5000);
    }

    @Test
    void isColdEachCollectionSubscribesAgain() {
        RangePublisher p = new RangePublisher(0, 3);
        Flow<Integer> f = ReactiveFlows.asFlow(p);
        assertThat(p.subscriptions).hasValue(0);
        assertThat(collect(f)).containsExactly(0, 1, 2);
        assertThat(collect(f)).containsExactly(0, 1, 2);
        assertThat(p.subscriptions).hasValue(2);
    }

    @Test
    void upstreamErrorIsRethrownAsSignalledAfterTheElementsBeforeIt() {
        IOException boom = new IOException("boom");
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onNext(2);
            s.onError(boom);
        });
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            try {
                ReactiveFlows.asFlow(p).collect(got::add);
            } catch (IOException e) {
                assertThat(e).isSameAs(boom); // the checked exception itself, not a wrapper
                throw new IllegalStateException("caught", e);
            }
            return null;
        })).hasMessage("caught").cause().isSameAs(boom);
        assertThat(got).containsExactly(1, 2);
        assertThat(p.cancels).as("§2.4: no cancel after onError").hasValue(0);
    }

    @Test
    void uncheckedUpstreamErrorPropagatesUnwrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> s.onError(boom));
        assertThatThrownBy(() -> collect(ReactiveFlows.asFlow(p))).isSameAs(boom);
    }

    @Test
    void downstreamFailureCancelsTheSubscription() {
        RangePublisher p = new RangePublisher(0, 1_000_000);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            ReactiveFlows.asFlow(p).collect(v -> {
                if (v == 10) {
                    throw new IllegalStateException("enough");
                }
            });
            return null;
        })).hasMessage("enough");
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void cancellingTheCollectorCancelsTheSubscription() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<>(); // never signals anything
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Job job = scope.launch(() -> {
                try {
                    ReactiveFlows.asFlow(p).collect(v -> { });
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                    throw t;
                }
            });
            p.awaitSubscribed();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.requests.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(p.requests).containsExactly(256L);
            job.cancel();
            job.join();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(p.cancels).hasValue(1);
        }
    }

    @Test
    void cancellationBeforeOnSubscribeCancelsTheLateSubscription() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<>();
        p.callOnSubscribe = false; // onSubscribe comes later, from the test
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> ReactiveFlows.asFlow(p).collect(v -> { }));
            p.awaitSubscribed();
            job.cancel();
            job.join();
            p.subscriber().onSubscribe(p.subscription);
            assertThat(p.cancels).hasValue(1);
            assertThat(p.requests).isEmpty();
        }
    }

    @Test
    void collectingFromAPlatformThreadWorks() throws Exception {
        // A suspending call on a platform thread just blocks it: asFlow needs no coroutine.
        RangePublisher p = new RangePublisher(0, 500, executor);
        List<Integer> got = new ArrayList<>();
        ReactiveFlows.asFlow(p, 8).collect(got::add);
        assertThat(got).hasSize(500);
    }

    @Test
    void earlyStopAfterAFewElementsFromAnAsyncPublisher() {
        for (int round = 0; round < 50; round++) {
            RangePublisher p = new RangePublisher(0, 100_000, executor);
            int[] n = {0};
            assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
                ReactiveFlows.asFlow(p, 64).collect(v -> {
                    assertThat(v).isEqualTo(n[0]++);
                    if (v == 100) {
                        throw new IllegalStateException("stop");
                    }
                });
                return null;
            })).hasMessage("stop");
            assertThat(p.cancels).hasValue(1);
        }
    }

    @Test
    void publisherThatSignalsOnSubscribeAsynchronously() {
        Publisher<Integer> p = s -> executor.execute(() -> new RangePublisher(0, 100).subscribe(s));
        assertThat(collect(ReactiveFlows.asFlow(p, 4))).hasSize(100);
    }
}
