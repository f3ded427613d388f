package dev.weft.tck;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Job;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveBridge;
import dev.weft.flow.reactive.UpstreamHook;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * Drives the Subscribers under test through the public bridge, as an application would: a
 * coroutine of the harness collects {@code asFlow(source)} (or awaits it), and the bridge's
 * {@link UpstreamHook} hands the Subscriber it would subscribe to the TCK instead, which then
 * signals it itself. So the TCK verifies exactly the Subscriber behind {@code asFlow} and the
 * awaits, driven by the real collecting (awaiting) loop, with no test-only entry point in main
 * code. The bridge's subscribers implement both {@code org.reactivestreams} and
 * {@code java.util.concurrent.Flow} (see {@code JdkReactiveFlows}), so the same drivers serve the
 * JDK verifications.
 */
final class Drivers {
    /** The source named in the Subscribers' messages; the TCK signals in its place. */
    private static final Publisher<Integer> TCK_SOURCE = new Publisher<>() {
        @Override
        public void subscribe(Subscriber<? super Integer> s) {
            throw new AssertionError("the TCK subscribes the Subscriber itself");
        }

        @Override
        public String toString() {
            return "the TCK's publisher";
        }
    };

    private Drivers() {
    }

    /** What an await driver awaits. */
    enum Await {
        FIRST, FIRST_OR_NULL, LAST, SINGLE, SINGLE_OR_NULL;

        Object run(ReactiveBridge bridge) {
            return switch (this) {
                case FIRST -> bridge.awaitFirst(TCK_SOURCE);
                case FIRST_OR_NULL -> String.valueOf(bridge.awaitFirstOrNull(TCK_SOURCE));
                case LAST -> bridge.awaitLast(TCK_SOURCE);
                case SINGLE -> bridge.awaitSingle(TCK_SOURCE);
                case SINGLE_OR_NULL -> String.valueOf(bridge.awaitSingleOrNull(TCK_SOURCE));
            };
        }
    }

    /** An upstream hook that hands the bridge's Subscriber over instead of subscribing it. */
    private static final class Handoff implements UpstreamHook {
        private final CompletableFuture<Subscriber<?>> subscriber = new CompletableFuture<>();

        @Override
        public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> s, CoroutineContext context) {
            subscriber.complete(s);
        }

        /** Waits for the driving coroutine to have subscribed (it runs at once on the harness). */
        @SuppressWarnings("unchecked")
        <S> S await(Job driver) {
            try {
                return (S) subscriber.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the driving coroutine did not subscribe: " + driver, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The asFlow Subscriber, drained by a harness coroutine that ignores the elements. */
    static <S extends Subscriber<Integer> & java.util.concurrent.Flow.Subscriber<Integer>> S collected(
            Tck.Harness harness, int prefetch) {
        Handoff handoff = new Handoff();
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(handoff);
        Job collector = harness.launch(() -> {
            try {
                bridge.asFlow(TCK_SOURCE, prefetch).collect(v -> { });
            } catch (Exception expected) {
                // a test that signals onError, or breaks a rule, ends the collection with it
            }
        });
        return handoff.await(collector);
    }

    /** The await Subscriber, awaited by a harness coroutine. */
    static <S extends Subscriber<Integer> & java.util.concurrent.Flow.Subscriber<Integer>> S awaited(
            Tck.Harness harness, Await mode) {
        Handoff handoff = new Handoff();
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(handoff);
        Job awaiter = harness.launch(() -> {
            try {
                mode.run(bridge);
            } catch (RuntimeException expected) {
                // empty, too many, the publisher's error, a rule violation, or cancellation
            }
        });
        return handoff.await(awaiter);
    }

    /**
     * Whitebox: the asFlow Subscriber, drained by a harness coroutine that reports to the probe
     * what the collector sees: each element emitted downstream, and the end of the collection
     * (normal completion or the exception {@code collect} throws).
     */
    static Probed<Integer> collectedWithProbe(Tck.Harness harness, int prefetch, WhiteboxSubscriberProbe<Integer> probe) {
        Handoff handoff = new Handoff();
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(handoff);
        Job collector = collectReporting(harness, bridge.asFlow(TCK_SOURCE, prefetch), probe);
        return new Probed<>(handoff.await(collector), probe, puppet(collector), false);
    }

    /**
     * Launches a harness coroutine that collects {@code flow} and, given a probe, reports to it what
     * the collector sees: each element emitted downstream, and the end of the collection (normal
     * completion, or the exception {@code collect} throws). A cancellation (the puppet's) ends it
     * silently; without a probe every ending is silent. The adapters' drivers use it too.
     *
     * @return the collecting coroutine
     */
    static Job collectReporting(Tck.Harness harness, Flow<Integer> flow, @Nullable WhiteboxSubscriberProbe<Integer> probe) {
        return harness.launch(() -> {
            try {
                flow.collect(v -> {
                    if (probe != null) {
                        probe.registerOnNext(v);
                    }
                });
            } catch (CancellationException cancelledByThePuppet) {
                return;
            } catch (Throwable t) {
                if (probe != null) {
                    probe.registerOnError(t);
                }
                return;
            }
            if (probe != null) {
                probe.registerOnComplete();
            }
        });
    }

    /**
     * Whitebox: the await Subscriber in {@code awaitLast} mode (it requests everything, so the TCK
     * can signal as many elements as it likes), awaited by a harness coroutine. Elements are
     * reported as the Subscriber receives them; the end is reported from the awaited outcome
     * ({@link NoSuchElementException} is an await's way to say "completed without elements").
     */
    static Probed<Integer> awaitedWithProbe(Tck.Harness harness, WhiteboxSubscriberProbe<Integer> probe) {
        Handoff handoff = new Handoff();
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(handoff);
        Job awaiter = harness.launch(() -> {
            try {
                bridge.awaitLast(TCK_SOURCE);
            } catch (NoSuchElementException completedEmpty) {
                probe.registerOnComplete();
                return;
            } catch (CancellationException cancelledByThePuppet) {
                return;
            } catch (Throwable t) {
                probe.registerOnError(t);
                return;
            }
            probe.registerOnComplete();
        });
        return new Probed<>(handoff.await(awaiter), probe, puppet(awaiter), true);
    }

    /**
     * The puppet: cancelling is cancelling the collecting (awaiting) coroutine, which must cancel
     * the subscription. Requests need no trigger: the bridge requests its prefetch as soon as it
     * has the subscription and refills as the collector consumes, and an await requests what it
     * needs at once; so any demand the TCK asks for is (eventually) requested, which is all the
     * puppet contract asks.
     */
    static SubscriberPuppet puppet(Job driver) {
        return new SubscriberPuppet() {
            @Override
            public void triggerRequest(long elements) {
                // already requested (see above)
            }

            @Override
            public void signalCancel() {
                driver.cancel();
            }
        };
    }

    /** The Subscriber under test, reporting its onSubscribe (and, for awaits, its elements) to the probe. */
    static final class Probed<T> implements Subscriber<T>, java.util.concurrent.Flow.Subscriber<T> {
        private final Subscriber<T> target;
        private final java.util.concurrent.Flow.@Nullable Subscriber<T> jdkTarget;
        private final WhiteboxSubscriberProbe<T> probe;
        private final SubscriberPuppet puppet;
        private final boolean reportElements;
        private final AtomicBoolean registered = new AtomicBoolean();

        <S extends Subscriber<T> & java.util.concurrent.Flow.Subscriber<T>> Probed(S target,
                WhiteboxSubscriberProbe<T> probe, SubscriberPuppet puppet, boolean reportElements) {
            this(target, (java.util.concurrent.Flow.Subscriber<T>) target, probe, puppet, reportElements);
        }

        private Probed(Subscriber<T> target, java.util.concurrent.Flow.@Nullable Subscriber<T> jdkTarget,
                       WhiteboxSubscriberProbe<T> probe, SubscriberPuppet puppet, boolean reportElements) {
            this.target = target;
            this.jdkTarget = jdkTarget;
            this.probe = probe;
            this.puppet = puppet;
            this.reportElements = reportElements;
        }

        /**
         * Probes a Subscriber that is only an {@code org.reactivestreams} one (the adapters'): its
         * onSubscribe is reported; the elements and the end come from the collector.
         */
        static <T> Probed<T> reactiveOnly(Subscriber<T> target, WhiteboxSubscriberProbe<T> probe, SubscriberPuppet puppet) {
            return new Probed<>(target, null, probe, puppet, false);
        }

        @Override
        public void onSubscribe(Subscription s) {
            target.onSubscribe(s);
            if (registered.compareAndSet(false, true)) {
                probe.registerOnSubscribe(puppet);
            }
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            java.util.Objects.requireNonNull(jdkTarget, "a Reactive Streams-only Subscriber got a JDK subscription")
                    .onSubscribe(s);
            if (registered.compareAndSet(false, true)) {
                probe.registerOnSubscribe(puppet);
            }
        }

        @Override
        public void onNext(T t) {
            target.onNext(t);
            if (reportElements) {
                probe.registerOnNext(t);
            }
        }

        @Override
        public void onError(Throwable t) {
            target.onError(t);
        }

        @Override
        public void onComplete() {
            target.onComplete();
        }

        @Override
        public String toString() {
            return target.toString();
        }
    }
}
