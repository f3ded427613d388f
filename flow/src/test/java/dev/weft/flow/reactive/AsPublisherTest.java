package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.testkit.CarrierHog;
import dev.weft.flow.Flow;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class AsPublisherTest {

    /** A flow of 0..n-1 that counts how far its producer got. */
    static Flow<Integer> range(int n, AtomicInteger emitted) {
        return c -> {
            for (int i = 0; i < n; i++) {
                emitted.incrementAndGet();
                c.emit(i);
            }
        };
    }

    static Flow<Integer> range(int n) {
        return range(n, new AtomicInteger());
    }

    @Test
    void emitsEverythingThenCompletes() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>(Long.MAX_VALUE);
        ReactiveFlows.asPublisher(range(1000)).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
        assertThat(s.completed).isTrue();
        assertThat(s.terminalSignals).isEqualTo(1);
    }

    @Test
    void emitsOnlyAgainstDemandAndParksInsideEmit() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.asPublisher(range(100, produced)).subscribe(s);
        // before any request the producer ran up to its first emit and parked there
        awaitCount(produced, 1);
        assertThat(s.values).isEmpty();
        s.request(3);
        s.awaitValues(3);
        awaitCount(produced, 4); // the 4th element waits in emit
        Thread.sleep(50);
        assertThat(s.values).containsExactly(0, 1, 2);
        assertThat(produced.get()).isEqualTo(4);
        s.request(Long.MAX_VALUE);
        s.awaitTerminated();
        assertThat(s.values).hasSize(100);
    }

    static void awaitCount(AtomicInteger n, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (n.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("count " + n.get() + " < " + expected);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void requestZeroOrNegativeSignalsIllegalArgumentCitingRule39() throws Exception {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            TestSubscriber<Integer> s = new TestSubscriber<>();
            ReactiveFlows.asPublisher(range(10)).subscribe(s);
            s.request(2);
            s.awaitValues(2);
            s.request(bad);
            s.awaitTerminated();
            assertThat(s.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9")
                    .hasMessageContaining(String.valueOf(bad));
            assertThat(s.terminalSignals).isEqualTo(1);
            assertThat(s.values).containsExactly(0, 1);
        }
    }

    @Test
    void badRequestInsideOnSubscribeIsSignalledAfterOnSubscribeReturns() throws Exception {
        AtomicReference<String> order = new AtomicReference<>("");
        CountDownLatch done = new CountDownLatch(1);
        ReactiveFlows.asPublisher(range(10)).subscribe(new Subscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(0);
                order.updateAndGet(o -> o + "subscribe-returned;");
            }

            @Override
            public void onNext(Integer t) {
                order.updateAndGet(o -> o + "next;");
            }

            @Override
            public void onError(Throwable t) {
                order.updateAndGet(o -> o + "error:" + t.getClass().getSimpleName() + ";");
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order.get()).isEqualTo("subscribe-returned;error:IllegalArgumentException;");
    }

    @Test
    void demandSaturatesAtLongMaxValue() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.asPublisher(range(50)).subscribe(s);
        s.request(Long.MAX_VALUE - 1);
        s.request(Long.MAX_VALUE);
        s.request(5);
        s.awaitTerminated();
        assertThat(s.values).hasSize(50);
        assertThat(s.error).isNull();
    }

    @Test
    void cancelCancelsTheCoroutineAndSignalsNothingMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finallyRan = new CountDownLatch(1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Flow<Integer> f = c -> {
            try {
                c.emit(1);
                started.countDown();
                Coroutines.delay(Duration.ofHours(1));
            } catch (Throwable t) {
                seen.set(t);
                throw t;
            } finally {
                finallyRan.countDown();
            }
        };
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.asPublisher(f).subscribe(s);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        s.cancel();
        s.cancel(); // §3.7: idempotent
        assertThat(finallyRan.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isInstanceOf(CancellationException.class);
        Thread.sleep(20);
        assertThat(s.terminalSignals).isZero();
        s.request(5); // §3.6: NOP after cancel
        assertThat(s.terminalSignals).isZero();
    }

    @Test
    void cancelWhileParkedForDemandEndsTheProducer() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(1);
        Flow<Integer> f = c -> {
            try {
                range(1_000_000, produced).collect(c);
            } finally {
                ended.countDown();
            }
        };
        TestSubscriber<Integer> s = new TestSubscriber<>(5);
        ReactiveFlows.asPublisher(f).subscribe(s);
        s.awaitValues(5);
        s.cancel();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(produced.get()).isEqualTo(6);
        assertThat(s.values).hasSize(5);
    }

    @Test
    void cancelFromInsideOnNextStopsAfterThatElement() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger produced = new AtomicInteger();
        List<Integer> got = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> interruptedInOnNext = new AtomicReference<>(false);
        Flow<Integer> f = c -> {
            try {
                range(100, produced).collect(c);
            } finally {
                ended.countDown();
            }
        };
        ReactiveFlows.asPublisher(f).subscribe(new TestSubscriber<>(Long.MAX_VALUE) {
            @Override
            public void onNext(Integer t) {
                got.add(t);
                if (t == 3) {
                    sub().cancel();
                    interruptedInOnNext.set(Thread.currentThread().isInterrupted());
                }
            }
        });
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(got).containsExactly(0, 1, 2, 3);
        assertThat(interruptedInOnNext.get()).as("a cancel from onNext does not interrupt the rest of onNext").isFalse();
    }

    @Test
    void failingFlowSignalsOnErrorWithoutARequest() throws Exception {
        IOException boom = new IOException("boom");
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.<Integer>asPublisher(c -> {
            throw boom;
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.error).isSameAs(boom);
    }

    @Test
    void errorAfterElementsIsSignalledAfterThem() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>asPublisher(c -> {
            c.emit(1);
            c.emit(2);
            throw boom;
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1, 2);
        assertThat(s.error).isSameAs(boom);
    }

    @Test
    void emptyFlowCompletesWithoutARequest() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.<Integer>asPublisher(c -> { }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.completed).isTrue();
    }

    @Test
    void subscribeNeverBlocksEvenIfTheFlowDoes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        long t0 = System.nanoTime();
        ReactiveFlows.<Integer>asPublisher(c -> {
            release.await(); // a blocking body
            c.emit(1);
        }).subscribe(s);
        assertThat(s.subscription).isNotNull();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(5);
        release.countDown();
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1);
    }

    @Test
    void runsOnTheGivenDispatcherAndSignalsFromThere() throws Exception {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("pub")) {
            List<Dispatcher> ranOn = new CopyOnWriteArrayList<>();
            List<Dispatcher> signalledOn = new CopyOnWriteArrayList<>();
            Flow<Integer> f = c -> {
                ranOn.add(Coroutines.currentContext().dispatcher());
                c.emit(1);
            };
            TestSubscriber<Integer> s = new TestSubscriber<>(1) {
                @Override
                public void onNext(Integer t) {
                    signalledOn.add(Coroutines.currentContext().dispatcher());
                    super.onNext(t);
                }
            };
            ReactiveFlows.asPublisher(f, d).subscribe(s);
            s.awaitTerminated();
            assertThat(ranOn).containsExactly(d);
            assertThat(signalledOn).containsExactly(d);
        }
    }

    @Test
    void closedDispatcherSignalsOnErrorFromSubscribe() throws Exception {
        CloseableDispatcher d = Dispatchers.newSingleThread("closed");
        d.close();
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.asPublisher(range(3), d).subscribe(s);
        s.awaitTerminated();
        assertThat(s.error).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void aSubscriptionWhoseCoroutineNeverRanStillTerminates() throws Exception {
        CloseableDispatcher d = Dispatchers.newSingleThread("queued");
        AtomicInteger runs = new AtomicInteger();
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        try (CarrierHog hog = CarrierHog.occupy(d)) { // the subscription's coroutine queues behind it
            ReactiveFlows.<Integer>asPublisher(c -> {
                runs.incrementAndGet();
                c.emit(1);
            }, d).subscribe(s);
            hog.closeDispatcher(); // cancels the hog and the queued coroutine before it ran
        }
        s.awaitTerminated();
        assertThat(runs).as("the body never ran").hasValue(0);
        assertThat(s.values).isEmpty();
        assertThat(s.error).isInstanceOf(CancellationException.class)
                .hasMessageContaining("'queued'").hasMessageContaining("closed");
    }

    @Test
    void eachSubscriptionRunsTheFlowAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Publisher<Integer> p = ReactiveFlows.asPublisher(c -> {
            runs.incrementAndGet();
            c.emit(7);
        });
        for (int i = 0; i < 3; i++) {
            TestSubscriber<Integer> s = new TestSubscriber<>(1);
            p.subscribe(s);
            s.awaitTerminated();
            assertThat(s.values).containsExactly(7);
        }
        assertThat(runs).hasValue(3);
    }

    @Test
    void requestFromOnNextDoesNotRecurse() throws Exception {
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        TestSubscriber<Integer> s = new TestSubscriber<>(1) {
            @Override
            public void onNext(Integer t) {
                int d = depth.incrementAndGet();
                maxDepth.accumulateAndGet(d, Math::max);
                super.onNext(t);
                sub().request(1);
                depth.decrementAndGet();
            }
        };
        ReactiveFlows.asPublisher(range(1000)).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).hasSize(1000);
        assertThat(maxDepth.get()).isEqualTo(1);
    }

    @Test
    void throwingOnNextCancelsTheFlowAndSignalsNoError() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> flowSaw = new AtomicReference<>();
        Flow<Integer> f = c -> {
            try {
                range(100).collect(c);
            } catch (Throwable t) {
                flowSaw.set(t);
                throw t;
            } finally {
                ended.countDown();
            }
        };
        IllegalStateException bug = new IllegalStateException("subscriber bug");
        TestSubscriber<Integer> s = new TestSubscriber<>(Long.MAX_VALUE) {
            @Override
            public void onNext(Integer t) {
                super.onNext(t);
                if (t == 2) {
                    throw bug;
                }
            }
        };
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        ReactiveBridge.standard().withDroppedErrors((e, ctx) -> dropped.add(e))
                .asPublisher(f, Dispatchers.DEFAULT).subscribe(s);
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(20);
        assertThat(s.values).containsExactly(0, 1, 2);
        assertThat(s.terminalSignals).isZero();
        assertThat(flowSaw.get()).isInstanceOf(CancellationException.class).hasMessageContaining("§2.13");
        assertThat(dropped).as("the subscriber's failure goes to the dropped-error handler")
                .singleElement().satisfies(e -> assertThat(e).hasMessage("subscriber bug"));
    }

    @Test
    void throwingOnSubscribeDoesNotStartTheFlow() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        ReactiveBridge.standard().withDroppedErrors((e, ctx) -> dropped.add(e))
                .<Integer>asPublisher(c -> runs.incrementAndGet(), Dispatchers.DEFAULT).subscribe(new TestSubscriber<>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        throw new IllegalStateException("subscriber bug");
                    }
                });
        Thread.sleep(50);
        assertThat(runs).hasValue(0);
        assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("subscriber bug"));
    }

    @Test
    void cancelInsideOnSubscribeDoesNotStartTheFlow() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TestSubscriber<Integer> s = new TestSubscriber<>() {
            @Override
            public void onSubscribe(Subscription sub) {
                super.onSubscribe(sub);
                sub.cancel();
            }
        };
        ReactiveFlows.<Integer>asPublisher(c -> runs.incrementAndGet()).subscribe(s);
        Thread.sleep(50);
        assertThat(runs).hasValue(0);
        assertThat(s.terminalSignals).isZero();
    }

    @Test
    void nullEmittedByARawFlowIsANullPointerExceptionCitingRule213() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>(5);
        ReactiveFlows.<Integer>asPublisher(c -> c.emit(null)).subscribe(s);
        s.awaitTerminated();
        assertThat(s.error).isInstanceOf(NullPointerException.class).hasMessageContaining("§2.13");
    }

    @Test
    void subscribeWithNullThrowsNullPointerException() {
        Publisher<Integer> p = ReactiveFlows.asPublisher(range(1));
        assertThatThrownBy(() -> p.subscribe(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("subscriber");
    }

    @Test
    void concurrentRequestsAddUpExactly() throws Exception {
        for (int round = 0; round < 20; round++) {
            AtomicLong total = new AtomicLong();
            TestSubscriber<Integer> s = new TestSubscriber<>();
            ReactiveFlows.asPublisher(range(100_000)).subscribe(s);
            Thread[] requesters = new Thread[4];
            for (int t = 0; t < requesters.length; t++) {
                requesters[t] = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        s.request(1);
                        total.incrementAndGet();
                    }
                });
            }
            for (Thread t : requesters) {
                t.join();
            }
            s.awaitValues(2000);
            Thread.sleep(5);
            assertThat(s.values).hasSize(2000).isEqualTo(IntStream.range(0, 2000).boxed().toList());
            s.cancel();
        }
    }
}
