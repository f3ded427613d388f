package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.Flow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The polled path of {@code asFlow}: an adapter's hook that hands a {@link PolledSubscription}
 * (what the Reactor and RxJava adapters do for a {@code SYNC}-fused source) when the subscriber
 * {@linkplain PollingSubscriber#acceptsPolling() accepts} it. No adapter library here: a
 * hand-written pollable source stands in for one.
 */
class PolledSubscriptionTest {

    /** A pollable source of {@code 0 .. count-1} (or endless with count < 0), recording every call. */
    static final class PollableRange implements Publisher<Integer> {
        final int count;
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        final List<Thread> pollThreads = new CopyOnWriteArrayList<>();
        volatile int failAt = -1;
        volatile boolean signalErrorInsteadOfThrowing;

        PollableRange(int count) {
            this.count = count;
        }

        @Override
        public void subscribe(Subscriber<? super Integer> s) {
            // the plain (unpolled) subscription: a well-behaved synchronous range
            s.onSubscribe(new Subscription() {
                int next;
                boolean done;

                @Override
                public void request(long n) {
                    requests.incrementAndGet();
                    for (long i = 0; i < n && !done; i++) {
                        if (count >= 0 && next == count) {
                            done = true;
                            s.onComplete();
                            return;
                        }
                        s.onNext(next++);
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                    cancels.incrementAndGet();
                }
            });
        }

        PolledSubscription<Integer> polled(Subscriber<? super Integer> s) {
            return new PolledSubscription<>() {
                int next;

                @Override
                public @Nullable Integer poll() throws Exception {
                    polls.incrementAndGet();
                    pollThreads.add(Thread.currentThread());
                    if (next == failAt) {
                        if (signalErrorInsteadOfThrowing) {
                            s.onError(new IOException("signalled at " + next));
                            return null;
                        }
                        throw new IOException("failed at " + next);
                    }
                    return count >= 0 && next == count ? null : next++;
                }

                @Override
                public void request(long n) {
                    requests.incrementAndGet();
                }

                @Override
                public void cancel() {
                    cancels.incrementAndGet();
                }
            };
        }
    }

    /** The hook of an adapter with synchronous fusion: polled when accepted, plain otherwise. */
    static final class FusingHook implements UpstreamHook {
        final List<Boolean> accepted = new CopyOnWriteArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
            if (publisher instanceof PollableRange r && subscriber instanceof PollingSubscriber<T> ps) {
                boolean yes = ps.acceptsPolling();
                accepted.add(yes);
                if (yes) {
                    subscriber.onSubscribe((Subscription) r.polled((Subscriber<? super Integer>) subscriber));
                    return;
                }
            }
            publisher.subscribe(subscriber);
        }
    }

    private final FusingHook hook = new FusingHook();
    private final ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(hook);

    private static <T> List<T> collect(Flow<T> flow) {
        return Coroutines.runBlocking(() -> {
            List<T> out = new ArrayList<>();
            flow.collect(out::add);
            return out;
        });
    }

    @Test
    void aPolledSourceIsDrainedOnTheCollectingCoroutineWithoutAnyRequest() {
        PollableRange r = new PollableRange(5_000);
        Thread[] collector = new Thread[1];
        List<Integer> out = Coroutines.runBlocking(() -> {
            collector[0] = Thread.currentThread();
            return bridge.asFlow(r).toList();
        });
        assertThat(out).containsExactlyElementsOf(IntStream.range(0, 5_000).boxed().toList());
        assertThat(hook.accepted).containsExactly(true);
        assertThat(r.requests).as("polling is the demand").hasValue(0);
        assertThat(r.polls).as("one poll per element, one for the end").hasValue(5_001);
        assertThat(r.cancels).as("a source that ended is not cancelled").hasValue(0);
        assertThat(r.pollThreads).allMatch(t -> t == collector[0]);
    }

    @Test
    void mapAndFilterRunInThePollingLoopWithTheirUsualSemantics() {
        PollableRange r = new PollableRange(100);
        assertThat(collect(bridge.asFlow(r).map(i -> i * 10).filter(i -> i % 20 == 0)))
                .containsExactlyElementsOf(IntStream.range(0, 50).map(i -> i * 20).boxed().toList());
        assertThat(collect(bridge.asFlow(new PollableRange(6)).filterNot(i -> i % 2 == 0))).containsExactly(1, 3, 5);
        assertThat(collect(bridge.asFlow(new PollableRange(4)).filter(i -> i > 1))).containsExactly(2, 3);

        PollableRange nulls = new PollableRange(10);
        assertThatThrownBy(() -> collect(bridge.asFlow(nulls).map(i -> i == 3 ? null : i)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mapper returned null");
        assertThat(nulls.cancels).as("a failed stage cancels the source").hasValue(1);
        assertThat(nulls.polls).hasValue(4);
    }

    @Test
    void earlyTerminationPollsNoMoreThanWasTakenAndCancelsOnce() {
        PollableRange r = new PollableRange(-1); // endless
        assertThat(collect(bridge.asFlow(r).take(3))).containsExactly(0, 1, 2);
        assertThat(r.polls).as("nothing produced ahead of the collector").hasValue(3);
        assertThat(r.cancels).hasValue(1);
    }

    @Test
    void aFailingPollFailsTheCollectionAfterTheElementsBeforeItAndCancels() {
        PollableRange r = new PollableRange(100);
        r.failAt = 7;
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            bridge.asFlow(r).collect(seen::add);
            return null;
        })).as("runBlocking wraps a checked failure").isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("failed at 7");
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(r.cancels).hasValue(1);
    }

    @Test
    void anErrorSignalledInsteadOfThrownStillFailsTheCollection() {
        PollableRange r = new PollableRange(100);
        r.failAt = 2;
        r.signalErrorInsteadOfThrowing = true;
        assertThatThrownBy(() -> collect(bridge.asFlow(r)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("signalled at 2");
    }

    @Test
    void aFailingCollectorCancelsTheSource() {
        PollableRange r = new PollableRange(-1);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            bridge.asFlow(r).collect(i -> {
                if (i == 42) {
                    throw new IllegalStateException("collector failed");
                }
            });
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("collector failed");
        assertThat(r.polls).hasValue(43);
        assertThat(r.cancels).hasValue(1);
    }

    @Test
    void cancellingTheCollectingCoroutineStopsAnEndlessPolledSourceThatNeverSuspends() throws Exception {
        PollableRange r = new PollableRange(-1);
        CountDownLatch running = new CountDownLatch(1);
        Job job = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job j = scope.launch(Dispatchers.DEFAULT, () -> bridge.asFlow(r).collect(i -> running.countDown()));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            j.cancel();
            j.join();
            return j;
        }));
        assertThat(job.isCancelled()).isTrue();
        assertThat(r.cancels).hasValue(1);
    }

    @Test
    void pollingIsRefusedWhereTheSourceMustNotRunOnTheCollector() throws Exception {
        // flowOn: the source belongs on the other dispatcher
        PollableRange a = new PollableRange(300);
        assertThat(collect(bridge.asFlow(a).flowOn(Dispatchers.IO))).hasSize(300);
        // a dropping buffer lets the source run ahead of the collector
        PollableRange b = new PollableRange(300);
        assertThat(collect(bridge.asFlow(b).buffer(16, BufferOverflow.DROP_OLDEST))).isNotEmpty();
        // an await has no polling loop
        PollableRange c = new PollableRange(300);
        assertThat(Coroutines.runBlocking(() -> bridge.awaitFirst(c))).isZero();
        assertThat(hook.accepted).containsExactly(false, false, false);
        assertThat(a.polls.get() + b.polls.get() + c.polls.get()).isZero();
        assertThat(a.requests.get()).isPositive();
    }

    @Test
    void pollingIsRefusedOnAnyThreadButTheSubscribingCoroutine() throws Exception {
        // A hook that subscribes from another thread (the subscription arrives later): the
        // subscriber says no there, and the plain path delivers everything.
        List<Boolean> answers = new CopyOnWriteArrayList<>();
        UpstreamHook later = new UpstreamHook() {
            @Override
            public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
                Thread t = new Thread(() -> {
                    answers.add(((PollingSubscriber<T>) subscriber).acceptsPolling());
                    publisher.subscribe(subscriber);
                });
                t.start();
            }
        };
        PollableRange r = new PollableRange(1_000);
        assertThat(collect(ReactiveBridge.standard().withUpstream(later).asFlow(r))).hasSize(1_000);
        assertThat(answers).containsExactly(false);
        assertThat(r.polls).hasValue(0);
    }

    @Test
    void aPolledSubscriptionWherePollingIsRefusedIsUsedAsAPlainOne() {
        // A hook that hands the polled subscription without asking: under flowOn the subscriber
        // refuses polling and requests from it as from any Subscription (this one's request does
        // nothing), so nothing is polled behind the contract's back.
        PollableRange r = new PollableRange(10);
        UpstreamHook rude = new UpstreamHook() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
                Subscriber<? super Integer> s = (Subscriber<? super Integer>) subscriber;
                s.onSubscribe(r.polled(s));
                s.onComplete();
            }
        };
        assertThat(collect(ReactiveBridge.standard().withUpstream(rude).asFlow(r).flowOn(Dispatchers.IO))).isEmpty();
        assertThat(r.requests).hasValue(1);
        assertThat(r.polls).hasValue(0);
    }

    @Test
    void theStandardBridgeNeverPolls() {
        PollableRange r = new PollableRange(1_000);
        assertThat(collect(ReactiveFlows.asFlow(r).map(i -> i + 1))).hasSize(1_000);
        assertThat(r.polls).hasValue(0);
        assertThat(r.requests.get()).isPositive();
    }

    @Test
    void cancelBeforeTheFirstPollStillReachesTheSource() {
        PollableRange r = new PollableRange(-1);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            bridge.asFlow(r).collect(i -> {
                throw new CancellationException("stop");
            });
            return null;
        })).isInstanceOf(CancellationException.class);
        assertThat(r.cancels).hasValue(1);
        assertThat(r.polls).hasValue(1);
    }
}
