package dev.weft.flow.reactive;

import static dev.weft.flow.reactive.AsFlowTest.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.testkit.CarrierHog;
import dev.weft.flow.Flow;
import dev.weft.flow.internal.FusibleFlow;
import dev.weft.flow.reactive.internal.FusionState;
import dev.weft.flow.reactive.internal.PublisherAsFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code asFlow} is a {@link FusibleFlow}: a following buffer / conflate / flowOn changes its
 * request size, overflow policy or dispatcher instead of adding a second boundary. The operators
 * themselves live on another branch, so these tests call {@code fuse} the way they will.
 */
class AsFlowFusionTest {

    static <T> Flow<T> fuse(Flow<T> f, Dispatcher d, int capacity, BufferOverflow overflow) {
        assertThat(f).isInstanceOf(FusibleFlow.class);
        return ((FusibleFlow<T>) f).fuse(d, capacity, overflow);
    }

    static <T> PublisherAsFlow<T> pf(Flow<T> f) {
        assertThat(f).isInstanceOf(PublisherAsFlow.class);
        return (PublisherAsFlow<T>) f;
    }

    @Test
    void bufferSetsTheRequestSizeOfTheDefaultPrefetch() {
        RangePublisher p = new RangePublisher(0, 100);
        Flow<Integer> f = fuse(ReactiveFlows.asFlow(p), null, 16, BufferOverflow.SUSPEND);
        assertThat(FusionState.capacity(f)).isEqualTo(16);
        assertThat(collect(f)).hasSize(100);
        assertThat(p.requests.get(0)).isEqualTo(16L);
        assertThat(p.requests.subList(1, p.requests.size())).containsOnly(12L);
    }

    @Test
    void explicitPrefetchAndBufferAddUp() {
        RangePublisher p = new RangePublisher(0, 100);
        Flow<Integer> f = fuse(ReactiveFlows.asFlow(p, 10), null, 6, BufferOverflow.SUSPEND);
        assertThat(collect(f)).hasSize(100);
        assertThat(p.requests.get(0)).isEqualTo(16L);
    }

    @Test
    void bufferedAndOptionalKeepTheSizeThereIs() {
        Flow<Integer> f = ReactiveFlows.asFlow(new RangePublisher(0, 1), 10);
        assertThat(fuse(f, null, Channel.BUFFERED, BufferOverflow.SUSPEND)).isSameAs(f);
        assertThat(fuse(f, null, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND)).isSameAs(f);
    }

    @Test
    void rendezvousRequestsOneAtATime() {
        RangePublisher p = new RangePublisher(0, 30);
        assertThat(collect(fuse(ReactiveFlows.asFlow(p), null, Channel.RENDEZVOUS, BufferOverflow.SUSPEND))).hasSize(30);
        assertThat(p.requests).containsOnly(1L);
    }

    @Test
    void unlimitedRequestsEverythingOnce() {
        RangePublisher p = new RangePublisher(0, 10_000);
        assertThat(collect(fuse(ReactiveFlows.asFlow(p), null, Channel.UNLIMITED, BufferOverflow.SUSPEND)))
                .containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
        assertThat(p.requests).containsExactly(Long.MAX_VALUE);
        RangePublisher q = new RangePublisher(0, 10);
        assertThat(collect(ReactiveFlows.asFlow(q, Channel.UNLIMITED))).hasSize(10);
        assertThat(q.requests).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void conflateRequestsEverythingAndKeepsTheLatest() throws Exception {
        // The publisher bursts 1000 elements inside request(MAX) before the collector sees any.
        RangePublisher p = new RangePublisher(1, 1000);
        List<Integer> got = collect(fuse(ReactiveFlows.asFlow(p), null, Channel.CONFLATED, BufferOverflow.SUSPEND));
        assertThat(p.requests).containsExactly(Long.MAX_VALUE);
        assertThat(got).containsExactly(1000);

        // With a slow collector and a concurrent producer the latest always arrives, in order.
        ManualPublisher<Integer> m = new ManualPublisher<>();
        Flow<Integer> conflated = fuse(ReactiveFlows.asFlow(m), null, 1, BufferOverflow.DROP_OLDEST);
        CountDownLatch firstSeen = new CountDownLatch(1);
        CountDownLatch produced = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                m.awaitSubscribed();
                while (m.requests.isEmpty()) {
                    Thread.sleep(1);
                }
                m.subscriber().onNext(0);
                firstSeen.await();
                for (int i = 1; i <= 100; i++) {
                    m.subscriber().onNext(i);
                }
                produced.countDown();
                m.subscriber().onComplete();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Coroutines.runBlocking(() -> {
            conflated.collect(v -> {
                seen.add(v);
                if (v == 0) {
                    firstSeen.countDown();
                    assertThat(produced.await(10, TimeUnit.SECONDS)).isTrue();
                }
            });
            return null;
        });
        producer.join();
        assertThat(seen).containsExactly(0, 100);
    }

    @Test
    void conflateAsTheFlowOperatorsPassIt() {
        // the operators on the flow branch turn conflate() into buffer(RENDEZVOUS, DROP_OLDEST)
        RangePublisher p = new RangePublisher(1, 500);
        Flow<Integer> f = fuse(ReactiveFlows.asFlow(p), null, Channel.RENDEZVOUS, BufferOverflow.DROP_OLDEST);
        assertThat(collect(f)).containsExactly(500);
        assertThat(p.requests).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void dropLatestKeepsTheFirstNWhileTheCollectorLags() {
        RangePublisher p = new RangePublisher(0, 1000);
        List<Integer> got = collect(fuse(ReactiveFlows.asFlow(p), null, 3, BufferOverflow.DROP_LATEST));
        assertThat(p.requests).containsExactly(Long.MAX_VALUE);
        assertThat(got).containsExactly(0, 1, 2);
    }

    @Test
    void dropOldestKeepsTheLastNWhileTheCollectorLags() {
        RangePublisher p = new RangePublisher(0, 1000);
        List<Integer> got = collect(fuse(ReactiveFlows.asFlow(p), null, 3, BufferOverflow.DROP_OLDEST));
        assertThat(got).containsExactly(997, 998, 999);
    }

    @Test
    void aDroppingPolicyReplacesSizeAndPolicy() {
        Flow<Integer> f = fuse(ReactiveFlows.asFlow(new RangePublisher(0, 1), 10), null, 5, BufferOverflow.DROP_OLDEST);
        assertThat(FusionState.capacity(f)).isEqualTo(5);
        assertThat(FusionState.overflow(f)).isEqualTo(BufferOverflow.DROP_OLDEST);
        Flow<Integer> g = fuse(f, null, 7, BufferOverflow.SUSPEND);
        assertThat(FusionState.overflow(g)).as("a suspending buffer keeps the earlier policy").isEqualTo(BufferOverflow.DROP_OLDEST);
    }

    @Test
    void sumsSaturateAtUnlimited() {
        Flow<Integer> f = fuse(ReactiveFlows.asFlow(new RangePublisher(0, 1), Integer.MAX_VALUE - 1), null, 10,
                BufferOverflow.SUSPEND);
        assertThat(FusionState.capacity(f)).isEqualTo(Channel.UNLIMITED);
    }

    @Test
    void invalidCapacityIsRejected() {
        assertThatThrownBy(() -> fuse(ReactiveFlows.asFlow(new RangePublisher(0, 1)), null, -7, BufferOverflow.SUSPEND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-7");
    }

    @Test
    void flowOnSubscribesAndRequestsOnTheGivenDispatcher() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("upstream")) {
            List<Dispatcher> subscribedOn = new CopyOnWriteArrayList<>();
            List<Dispatcher> requestedOn = new CopyOnWriteArrayList<>();
            RangePublisher range = new RangePublisher(0, 1000);
            org.reactivestreams.Publisher<Integer> p = s -> {
                subscribedOn.add(Coroutines.currentContext().dispatcher());
                range.subscribe(new org.reactivestreams.Subscriber<>() {
                    @Override
                    public void onSubscribe(org.reactivestreams.Subscription sub) {
                        s.onSubscribe(new org.reactivestreams.Subscription() {
                            @Override
                            public void request(long n) {
                                requestedOn.add(Coroutines.currentContext().dispatcher());
                                sub.request(n);
                            }

                            @Override
                            public void cancel() {
                                sub.cancel();
                            }
                        });
                    }

                    @Override
                    public void onNext(Integer t) {
                        s.onNext(t);
                    }

                    @Override
                    public void onError(Throwable t) {
                        s.onError(t);
                    }

                    @Override
                    public void onComplete() {
                        s.onComplete();
                    }
                });
            };
            Flow<Integer> f = fuse(ReactiveFlows.asFlow(p, 16), d, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
            assertThat(FusionState.dispatcher(f)).isSameAs(d);
            List<Dispatcher> collectedOn = new ArrayList<>();
            List<Integer> got = new ArrayList<>();
            Coroutines.runBlocking(() -> {
                f.collect(v -> {
                    got.add(v);
                    if (collectedOn.isEmpty()) {
                        collectedOn.add(Coroutines.currentContext().dispatcher());
                    }
                });
                return null;
            });
            assertThat(got).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
            assertThat(subscribedOn).containsExactly(d);
            assertThat(requestedOn).isNotEmpty().containsOnly(d);
            assertThat(collectedOn).containsExactly(Dispatchers.DEFAULT);
        }
    }

    @Test
    void firstFlowOnWins() throws Exception {
        try (CloseableDispatcher a = Dispatchers.newSingleThread("a"); CloseableDispatcher b = Dispatchers.newSingleThread("b")) {
            Flow<Integer> f = fuse(fuse(ReactiveFlows.asFlow(new RangePublisher(0, 1)), a, FusibleFlow.OPTIONAL_CHANNEL,
                    BufferOverflow.SUSPEND), b, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
            assertThat(FusionState.dispatcher(f)).isSameAs(a);
        }
    }

    @Test
    void flowOnCancelsUpstreamWhenTheCollectorStopsEarly() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("upstream")) {
            RangePublisher p = new RangePublisher(0, 1_000_000);
            Flow<Integer> f = fuse(ReactiveFlows.asFlow(p, 32), d, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
            assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
                f.collect(v -> {
                    if (v == 500) {
                        throw new IllegalStateException("stop");
                    }
                });
                return null;
            })).hasMessage("stop");
            assertThat(p.cancels).hasValue(1);
        }
    }

    @Test
    void flowOnRethrowsUpstreamErrorsAsSignalled() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("upstream")) {
            java.io.IOException boom = new java.io.IOException("boom");
            ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
                s.onNext(1);
                s.onError(boom);
            });
            Flow<Integer> f = fuse(ReactiveFlows.asFlow(p), d, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
            List<Integer> got = new ArrayList<>();
            Throwable[] caught = new Throwable[1];
            Coroutines.runBlocking(() -> {
                try {
                    f.collect(got::add);
                } catch (Exception e) {
                    caught[0] = e;
                }
                return null;
            });
            assertThat(caught[0]).isSameAs(boom);
            assertThat(got).containsExactly(1);
            assertThat(p.cancels).hasValue(0);
        }
    }

    @Test
    void flowOnToTheCollectorsOwnDispatcherStaysDirect() throws Exception {
        RangePublisher p = new RangePublisher(0, 10);
        Flow<Integer> f = fuse(ReactiveFlows.asFlow(p), Dispatchers.DEFAULT, FusibleFlow.OPTIONAL_CHANNEL,
                BufferOverflow.SUSPEND);
        List<Thread> collector = new ArrayList<>();
        Coroutines.runBlocking(() -> {
            collector.add(Thread.currentThread());
            f.collect(v -> { });
            return null;
        });
        assertThat(p.subscribeThreads).containsExactly(collector.get(0));
    }
    /** Collects {@code flow} under a 10 s timeout and returns how it ended. */
    private static Throwable collectUntilFailure(Flow<Integer> flow) {
        Throwable[] failure = new Throwable[1];
        Coroutines.runBlocking(() -> {
            try {
                Coroutines.withTimeout(java.time.Duration.ofSeconds(10), () -> {
                    flow.collect(v -> { });
                    return null;
                });
            } catch (Throwable t) {
                failure[0] = t;
            }
            return null;
        });
        return failure[0];
    }

    @Test
    void flowOnFailsAtOnceWhenItsDispatcherIsClosedWhileTheCollectorWaits() throws Exception {
        for (int round = 0; round < 10; round++) {
            CloseableDispatcher d = Dispatchers.newFixed(2, "f");
            ManualPublisher<Integer> idle = new ManualPublisher<>(); // requested from, never signals
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
                    while (idle.requests.isEmpty() && System.nanoTime() < until) {
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                d.close();
            });
            Throwable t = collectUntilFailure(ReactiveFlows.asFlow(idle).flowOn(d));
            closer.join();
            assertThat(t).as("round %d", round).isInstanceOf(java.util.concurrent.CancellationException.class)
                    .isNotInstanceOf(dev.weft.core.TimeoutCancellationException.class)
                    .hasMessageContaining("'f'").hasMessageContaining("closed");
            assertThat(idle.cancels).hasValue(1);
        }
    }

    @Test
    void flowOnFailsLikeAFlowBuilderWhenItsDispatcherIsClosedWhileElementsFlow() throws Exception {
        for (int round = 0; round < 10; round++) {
            for (boolean publisher : new boolean[] {true, false}) {
                CloseableDispatcher d = Dispatchers.newFixed(2, "f");
                CountDownLatch flowing = new CountDownLatch(100);
                Flow<Integer> endless = publisher
                        ? ReactiveFlows.asFlow(new RangePublisher(0, Integer.MAX_VALUE))
                        : Flow.<Integer>flow(out -> {
                            for (int i = 0; ; i++) {
                                out.emit(i);
                            }
                        });
                Flow<Integer> flow = endless.flowOn(d).onEach(v -> flowing.countDown());
                Thread closer = Thread.ofPlatform().start(() -> {
                    try {
                        flowing.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    d.close();
                });
                Throwable t = collectUntilFailure(flow);
                closer.join();
                assertThat(t).as("round %d, %s", round, publisher ? "asFlow" : "flow{}")
                        .isInstanceOf(java.util.concurrent.CancellationException.class)
                        .isNotInstanceOf(dev.weft.core.TimeoutCancellationException.class)
                        .hasMessageContaining("'f'").hasMessageContaining("closed");
            }
        }
    }

    @Test
    void flowOnFailsWhenItsDispatcherIsClosedBeforeTheRequesterRan() throws Exception {
        CloseableDispatcher d = Dispatchers.newSingleThread("f");
        try (CarrierHog hog = CarrierHog.occupy(d)) { // the requester coroutine queues behind it
            ManualPublisher<Integer> idle = new ManualPublisher<>();
            java.util.concurrent.atomic.AtomicReference<Thread> consumer = new java.util.concurrent.atomic.AtomicReference<>();
            Flow<Integer> onD = ReactiveFlows.asFlow(idle).flowOn(d);
            Flow<Integer> flow = collector -> {
                consumer.set(Thread.currentThread());
                onD.collect(collector);
            };
            Thread closer = Thread.ofPlatform().start(() -> {
                // the collector parks only once it has launched its requester, queued on d
                long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
                while ((consumer.get() == null || consumer.get().getState() != Thread.State.WAITING)
                        && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                hog.closeDispatcher(); // cancels the hog and the requester before it ran
            });
            Throwable t = collectUntilFailure(flow);
            closer.join();
            assertThat(t).isInstanceOf(java.util.concurrent.CancellationException.class)
                    .isNotInstanceOf(dev.weft.core.TimeoutCancellationException.class)
                    .hasMessageContaining("'f'").hasMessageContaining("closed");
            assertThat(idle.subscribed.getCount()).as("never subscribed: nothing to cancel").isEqualTo(1);
        }
    }
}
