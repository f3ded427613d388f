package dev.weft.tck;

import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import dev.weft.reactor.ReactorContext;
import dev.weft.reactor.ReactorFlows;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * Drives the Subscriber that {@code ReactorFlows.asFlow(Flux)} hands to a Flux: a harness coroutine
 * collects {@code asFlow} of a Flux that captures the Subscriber it is given (the adapter's
 * {@code CoreSubscriber} around the bridge's subscriber, with the coroutine's Reactor context), and
 * that Subscriber is what the TCK signals to.
 */
final class ReactorDrivers {
    private ReactorDrivers() {
    }

    /**
     * The asFlow Subscriber of the Reactor adapter.
     *
     * @param harness the harness that runs the collecting coroutine
     * @param probe   for a whitebox verification, the probe the collector reports to; else null
     * @return the Subscriber under test
     */
    static Subscriber<Integer> asFlowSubscriber(Tck.Harness harness, @Nullable WhiteboxSubscriberProbe<Integer> probe) {
        CompletableFuture<CoreSubscriber<? super Integer>> captured = new CompletableFuture<>();
        Flux<Integer> capturing = new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super Integer> actual) {
                captured.complete(actual);
            }
        };
        Job collector = harness.launch(() -> Coroutines.withContext(ReactorContext.of(Context.of("tck", "asFlow")), () -> {
            try {
                ReactorFlows.asFlow(capturing).collect(v -> {
                    if (probe != null) {
                        probe.registerOnNext(v);
                    }
                });
            } catch (CancellationException cancelledByThePuppet) {
                return null;
            } catch (Throwable t) {
                if (probe != null) {
                    probe.registerOnError(t);
                }
                return null;
            }
            if (probe != null) {
                probe.registerOnComplete();
            }
            return null;
        }));
        CoreSubscriber<? super Integer> s;
        try {
            s = captured.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            collector.cancel();
            throw new AssertionError("asFlow did not subscribe", e);
        }
        if (!"asFlow".equals(s.currentContext().getOrDefault("tck", null))) {
            throw new AssertionError("the subscriber does not carry the collecting coroutine's Reactor context: "
                    + s.currentContext());
        }
        @SuppressWarnings("unchecked")
        Subscriber<Integer> target = (Subscriber<Integer>) s;
        return probe == null ? target : new Probed(target, probe, collector);
    }

    /** Reports onSubscribe to the probe; the collector reports elements and the end. */
    private static final class Probed implements Subscriber<Integer> {
        private final Subscriber<Integer> target;
        private final WhiteboxSubscriberProbe<Integer> probe;
        private final Job collector;
        private final AtomicBoolean registered = new AtomicBoolean();

        Probed(Subscriber<Integer> target, WhiteboxSubscriberProbe<Integer> probe, Job collector) {
            this.target = target;
            this.probe = probe;
            this.collector = collector;
        }

        @Override
        public void onSubscribe(Subscription s) {
            target.onSubscribe(s);
            if (registered.compareAndSet(false, true)) {
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                        // the bridge requested its prefetch in onSubscribe and refills as the
                        // collector consumes: any demand the TCK asks for is (eventually) requested
                    }

                    @Override
                    public void signalCancel() {
                        collector.cancel();
                    }
                });
            }
        }

        @Override
        public void onNext(Integer t) {
            target.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            target.onError(t);
        }

        @Override
        public void onComplete() {
            target.onComplete();
        }
    }
}
