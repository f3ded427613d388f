package dev.weft.tck;

import dev.weft.core.Job;
import dev.weft.rxjava3.RxFlows;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * Gets hold of the very Subscriber that {@code RxFlows.asFlow(Flowable)} hands to a Flowable, by
 * public API only: a harness coroutine collects {@code asFlow} of a Flowable whose
 * {@code subscribeActual} captures what it is given, and the TCK then signals to that Subscriber
 * as a Publisher would.
 */
final class RxDrivers {
    private RxDrivers() {
    }

    /** Blackbox: the collector ignores the elements. */
    static Subscriber<Integer> collected(Tck.Harness harness) {
        return capture(harness, null);
    }

    /**
     * Whitebox: the collector reports each element it sees, and the end of the collection, to the
     * probe; the Subscriber reports its {@code onSubscribe} with a puppet whose cancel cancels the
     * collecting coroutine (requests need no trigger: the bridge requests its prefetch at once and
     * refills as the collector consumes).
     */
    static Subscriber<Integer> collectedWithProbe(Tck.Harness harness, WhiteboxSubscriberProbe<Integer> probe) {
        return capture(harness, probe);
    }

    private static Subscriber<Integer> capture(Tck.Harness harness, WhiteboxSubscriberProbe<Integer> probe) {
        CompletableFuture<Subscriber<? super Integer>> captured = new CompletableFuture<>();
        Flowable<Integer> capturing = new Flowable<>() {
            @Override
            protected void subscribeActual(Subscriber<? super Integer> s) {
                captured.complete(s);
            }
        };
        Job collector = harness.launch(() -> {
            try {
                RxFlows.asFlow(capturing).collect(v -> {
                    if (probe != null) {
                        probe.registerOnNext(v);
                    }
                });
            } catch (CancellationException cancelled) {
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
        Subscriber<? super Integer> sub;
        try {
            sub = captured.get(Tck.GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            collector.cancel();
            throw new AssertionError("asFlow did not subscribe to the Flowable", e);
        }
        @SuppressWarnings("unchecked")
        Subscriber<Integer> target = (Subscriber<Integer>) sub;
        if (probe == null) {
            return target;
        }
        SubscriberPuppet puppet = new SubscriberPuppet() {
            @Override
            public void triggerRequest(long elements) {
                // already requested (see above)
            }

            @Override
            public void signalCancel() {
                collector.cancel();
            }
        };
        AtomicBoolean registered = new AtomicBoolean();
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                target.onSubscribe(s);
                if (registered.compareAndSet(false, true)) {
                    probe.registerOnSubscribe(puppet);
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

            @Override
            public String toString() {
                return target.toString();
            }
        };
    }
}
