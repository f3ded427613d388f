package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.testkit.LogCapture;
import dev.weft.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/**
 * Hand-rolled publishers that break the rules. weft must turn each breach into a failure whose
 * message cites the rule, deliver nothing that was not legally signalled, and cancel upstream
 * where the rules require it.
 */
class MisbehavingPublisherTest {

    /** Collects with asFlow and returns what was emitted plus the failure. */
    private static <T> Outcome<T> collect(Publisher<T> p, int prefetch) {
        List<T> got = new ArrayList<>();
        Throwable failure = Coroutines.runBlocking(() -> {
            try {
                ReactiveFlows.asFlow(p, prefetch).collect(got::add);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        return new Outcome<>(got, failure);
    }

    private record Outcome<T>(List<T> values, Throwable failure) {
    }

    @Test
    void onNextBeyondDemandFailsCitingRule11AndCancels() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            for (int i = 0; i < n + 1; i++) { // one more than requested
                s.onNext(i);
            }
        });
        Outcome<Integer> o = collect(p, 4);
        assertThat(o.failure()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§1.1")
                .hasMessageContaining("beyond demand");
        assertThat(o.values()).as("what was requested is delivered, the excess is not").containsExactly(0, 1, 2, 3);
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void onNextBeyondDemandFromAnotherThreadIsCaughtToo() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<>();
        Thread bad = Thread.ofPlatform().start(() -> {
            try {
                p.awaitSubscribed();
                while (p.requests.isEmpty()) {
                    Thread.sleep(1);
                }
                for (int i = 0; i < 100; i++) {
                    p.subscriber().onNext(i); // as fast as it can, whatever the demand
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Outcome<Integer> o = collect(p, 2);
        bad.join();
        assertThat(o.failure()).hasMessageStartingWith("§1.1");
        // the collector refills as it goes: what was delivered is an in-order prefix, within demand
        assertThat(o.values()).isEqualTo(java.util.stream.IntStream.range(0, o.values().size()).boxed().toList());
        assertThat((long) o.values().size()).isLessThanOrEqualTo(p.totalRequested()).isLessThan(100);
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void onNextAfterOnCompleteFailsCitingRule17() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onComplete();
            s.onNext(2);
        });
        Outcome<Integer> o = collect(p, 8);
        assertThat(o.failure()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§1.7")
                .hasMessageContaining("onNext(2)");
        assertThat(o.values()).containsExactly(1);
    }

    @Test
    void secondTerminalSignalFailsCitingRule17() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onComplete();
            s.onError(new IllegalStateException("second"));
        });
        Outcome<Integer> o = collect(p, 8);
        assertThat(o.failure()).hasMessageStartingWith("§1.7").hasMessageContaining("onError after a terminal signal");
        assertThat(o.failure().getCause()).hasMessage("second");
    }

    @Test
    void onNextAfterOnErrorFailsCitingRule17KeepingTheError() {
        IllegalStateException first = new IllegalStateException("first");
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onError(first);
            s.onNext(3);
        });
        Outcome<Integer> o = collect(p, 8);
        assertThat(o.failure()).hasMessageStartingWith("§1.7");
        assertThat(o.failure().getSuppressed()).containsExactly(first);
    }

    @Test
    void nullOnNextThrowsToThePublisherAndFailsTheCollectionCitingRule213() {
        AtomicReference<Throwable> thrownToPublisher = new AtomicReference<>();
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            try {
                s.onNext(null);
            } catch (Throwable t) {
                thrownToPublisher.set(t);
            }
        });
        Outcome<Integer> o = collect(p, 8);
        assertThat(thrownToPublisher.get()).isInstanceOf(NullPointerException.class);
        assertThat(o.failure()).isInstanceOf(NullPointerException.class).hasMessageStartingWith("§2.13")
                .hasMessageContaining("onNext");
        assertThat(o.values()).containsExactly(1);
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void nullOnErrorIsAViolationCitingRule213() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            try {
                s.onError(null);
            } catch (NullPointerException expected) {
                // §2.13: the subscriber throws NPE for a null argument
            }
        });
        assertThat(collect(p, 8).failure()).isInstanceOf(NullPointerException.class).hasMessageStartingWith("§2.13");
    }

    @Test
    void doubleOnSubscribeCancelsTheSecondAndFailsCitingRule212() {
        ManualPublisher<Integer> p = new ManualPublisher<>();
        List<String> secondCalls = new ArrayList<>();
        Subscription second = new Subscription() {
            @Override
            public void request(long n) {
                secondCalls.add("request");
            }

            @Override
            public void cancel() {
                secondCalls.add("cancel");
            }
        };
        p.onRequest((s, n) -> {
            s.onNext(1);
            s.onSubscribe(second);
        });
        Outcome<Integer> o = collect(p, 8);
        assertThat(secondCalls).containsExactly("cancel"); // §2.5
        assertThat(o.failure()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§2.12")
                .hasMessageContaining("§2.5");
        assertThat(o.values()).containsExactly(1);
        assertThat(p.cancels).as("the first subscription is cancelled too").hasValue(1);
    }

    @Test
    void onNextBeforeOnSubscribeFailsCitingRule19() {
        Publisher<Integer> p = s -> s.onNext(1);
        assertThat(collect(p, 8).failure()).hasMessageStartingWith("§1.9").hasMessageContaining("before onSubscribe");
        Publisher<Integer> q = s -> s.onError(new IllegalStateException("no subscription"));
        Throwable f = collect(q, 8).failure();
        assertThat(f).hasMessageStartingWith("§1.9");
        assertThat(f.getCause()).hasMessage("no subscription");
    }

    @Test
    void subscribeThatThrowsFailsCitingRule19() {
        Publisher<Integer> p = s -> {
            throw new IllegalStateException("refused");
        };
        Throwable f = collect(p, 8).failure();
        assertThat(f).hasMessageStartingWith("§1.9");
        assertThat(f.getCause()).hasMessage("refused");
    }

    @Test
    void requestThatThrowsFailsCitingRule316AndStillCancels() {
        int[] cancels = {0};
        Publisher<Integer> p = s -> s.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                throw new IllegalStateException("request bug");
            }

            @Override
            public void cancel() {
                cancels[0]++;
            }
        });
        Throwable f = collect(p, 8).failure();
        assertThat(f).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§3.16");
        assertThat(f.getCause()).hasMessage("request bug");
        assertThat(cancels[0]).isEqualTo(1);
        Throwable a = awaitFailure(ReactiveFlows::awaitFirst, p);
        assertThat(a).hasMessageStartingWith("§3.16");
        assertThat(cancels[0]).isEqualTo(2);
    }

    @Test
    void signalsAfterCancelAreTolerated() {
        // §2.8: after weft cancelled, onNext/onError are legal (the publisher may not have seen the
        // cancel yet). They must neither reach the collector nor throw back into the publisher.
        List<Throwable> thrownBack = new ArrayList<>();
        ManualPublisher<Integer> p = new ManualPublisher<>();
        p.onRequest((s, n) -> {
            for (int i = 0; i < n; i++) {
                s.onNext(i);
            }
        });
        List<Integer> got = new ArrayList<>();
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        ReactiveBridge bridge = ReactiveBridge.standard().withDroppedErrors((e, ctx) -> dropped.add(e));
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            bridge.<Integer>asFlow(p, 4).collect(v -> {
                got.add(v);
                if (v == 1) {
                    throw new IllegalStateException("downstream stop");
                }
            });
            return null;
        })).hasMessage("downstream stop");
        assertThat(p.cancels).hasValue(1);
        IllegalStateException late = new IllegalStateException("late error");
        try {
            p.subscriber().onNext(99);
            p.subscriber().onNext(100);
            p.subscriber().onError(late);
            p.subscriber().onComplete();
        } catch (Throwable t) {
            thrownBack.add(t);
        }
        assertThat(thrownBack).isEmpty();
        assertThat(got).containsExactly(0, 1);
        assertThat(dropped).as("the late error (legal, §2.8) and the second terminal signal (§1.7) are dropped")
                .hasSize(2);
        assertThat(dropped.get(0)).isSameAs(late);
        assertThat(dropped.get(1)).hasMessageStartingWith("§1.7");
    }

    // ------------------------------------------------------------------ the awaits

    private static Throwable awaitFailure(Function<Publisher<Integer>, Object> await, Publisher<Integer> p) {
        return Coroutines.runBlocking(() -> {
            try {
                await.apply(p);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    @Test
    void awaitFirstDetectsBeyondDemand() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onNext(2); // demand was 1
        });
        assertThat(awaitFailure(ReactiveFlows::awaitFirst, p)).hasMessageStartingWith("§1.1");
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void awaitLastDetectsSignalsAfterCompletion() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onComplete();
            s.onNext(2);
        });
        assertThat(awaitFailure(ReactiveFlows::awaitLast, p)).hasMessageStartingWith("§1.7");
    }

    @Test
    void awaitSingleDetectsNullAndDoubleSubscribe() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            try {
                s.onNext(null);
            } catch (NullPointerException expected) {
                // thrown back, as §2.13 requires
            }
        });
        assertThat(awaitFailure(ReactiveFlows::awaitSingle, p)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("§2.13");
        ManualPublisher<Integer> q = new ManualPublisher<>();
        q.onRequest((s, n) -> s.onSubscribe(q.subscription));
        assertThat(awaitFailure(ReactiveFlows::awaitSingle, q)).hasMessageStartingWith("§2.12");
    }

    // ------------------------------------------------------------------ a bad subscriber of asPublisher

    @Test
    void asPublisherRejectsAnUnboundedRecursionOfBadRequests() throws Exception {
        // A subscriber that keeps requesting 0 gets exactly one onError (§1.7 on weft's side).
        TestSubscriber<Integer> s = new TestSubscriber<>() {
            @Override
            public void onError(Throwable t) {
                super.onError(t);
                sub().request(0);
                sub().request(-1);
            }
        };
        Flow<Integer> f = c -> c.emit(1);
        ReactiveFlows.asPublisher(f).subscribe(s);
        s.request(0);
        s.awaitTerminated();
        Thread.sleep(20);
        assertThat(s.terminalSignals).isEqualTo(1);
        assertThat(s.error).hasMessageContaining("§3.9");
    }

    @Test
    void cancelThatThrowsAfterAnEarlyStopIsReportedCitingRule315() throws Exception {
        IllegalStateException bug = new IllegalStateException("cancel bug");
        int[] cancels = {0};
        Publisher<Integer> p = s -> s.onSubscribe(new Subscription() {
            private int next;

            @Override
            public void request(long n) {
                for (long i = 0; i < n; i++) {
                    s.onNext(next++);
                }
            }

            @Override
            public void cancel() {
                cancels[0]++;
                throw bug;
            }
        });
        try (CloseableDispatcher d = Dispatchers.newSingleThread("requester")) {
            List<Function<Flow<Integer>, Flow<Integer>>> paths = List.of(f -> f, f -> f.flowOn(d));
            for (Function<Flow<Integer>, Flow<Integer>> path : paths) {
                try (LogCapture log = LogCapture.of("dev.weft.flow.reactive")) {
                    List<Integer> got = Coroutines.runBlocking(() -> path.apply(ReactiveFlows.asFlow(p, 8)).take(1).toList());
                    assertThat(got).containsExactly(0);
                    assertThat(log.records()).singleElement().satisfies(r -> {
                        assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                        assertThat(r.getThrown()).isInstanceOf(IllegalStateException.class)
                                .hasMessageStartingWith("§3.15").hasMessageContaining("cancel threw").hasCause(bug);
                    });
                }
            }
        }
        assertThat(cancels[0]).isEqualTo(2);
    }
    @Test
    void aViolationRecordedBeforeTheCollectorStoppedEarlyIsReportedNotLost() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            for (int i = 0; i < n + 1; i++) { // one more than requested, before anything is collected
                s.onNext(i);
            }
        });
        try (LogCapture log = LogCapture.of("dev.weft.flow.reactive")) {
            List<Integer> got = Coroutines.runBlocking(() -> ReactiveFlows.asFlow(p, 4).take(1).toList());
            assertThat(got).containsExactly(0);
            assertThat(log.records()).singleElement().satisfies(r -> assertThat(r.getThrown())
                    .hasMessageStartingWith("§1.1").hasMessageContaining("beyond demand"));
        }
        assertThat(p.cancels).hasValue(1);
    }
}
