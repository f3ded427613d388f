package dev.weft.tck;

import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.reactive.internal.AsFlowSubscriber;
import dev.weft.flow.reactive.internal.AwaitSubscriber;
import dev.weft.flow.reactive.internal.BridgeSubscriber;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * Drives the Subscribers under test the way the bridge itself does: a coroutine of the harness
 * collects what the {@code asFlow} Subscriber receives (exactly the loop behind
 * {@code ReactiveFlows.asFlow(p).collect(..)}, minus the subscribe call, which the TCK makes), or
 * awaits the outcome of the Subscriber behind the awaits.
 */
final class Drivers {
    private Drivers() {
    }

    /** The asFlow Subscriber, drained by a harness coroutine that ignores the elements. */
    static AsFlowSubscriber<Integer> collected(Tck.Harness harness, int prefetch) {
        AsFlowSubscriber<Integer> sub = AsFlowSubscriber.create("the TCK's publisher", prefetch, BufferOverflow.SUSPEND);
        AtomicBoolean ran = new AtomicBoolean();
        Job collector = harness.launch(() -> {
            ran.set(true);
            try {
                sub.drain(v -> { });
            } catch (Exception expected) {
                // a test that signals onError, or breaks a rule, ends the collection with it
            }
        });
        cancelIfNeverRan(collector, ran, sub::cancel);
        return sub;
    }

    /** The await Subscriber, awaited by a harness coroutine. */
    static AwaitSubscriber<Integer> awaited(Tck.Harness harness, AwaitSubscriber.Mode mode) {
        AwaitSubscriber<Integer> sub = new AwaitSubscriber<>(mode, "the TCK's publisher");
        AtomicBoolean ran = new AtomicBoolean();
        Job awaiter = harness.launch(() -> {
            ran.set(true);
            try {
                sub.await();
            } catch (RuntimeException expected) {
                // empty, too many, the publisher's error, a rule violation, or cancellation
            }
        });
        cancelIfNeverRan(awaiter, ran, sub::cancel);
        return sub;
    }

    /**
     * Whitebox: the asFlow Subscriber, drained by a harness coroutine that reports to the probe
     * what the collector sees: each element emitted downstream, and the end of the collection
     * (normal completion or the exception {@code collect} throws).
     */
    static Probed<Integer> collectedWithProbe(Tck.Harness harness, int prefetch, WhiteboxSubscriberProbe<Integer> probe) {
        AsFlowSubscriber<Integer> sub = AsFlowSubscriber.create("the TCK's publisher", prefetch, BufferOverflow.SUSPEND);
        AtomicBoolean ran = new AtomicBoolean();
        Job collector = harness.launch(() -> {
            ran.set(true);
            try {
                sub.drain(probe::registerOnNext);
            } catch (CancellationException cancelledByThePuppet) {
                return;
            } catch (Throwable t) {
                probe.registerOnError(t);
                return;
            }
            probe.registerOnComplete();
        });
        cancelIfNeverRan(collector, ran, sub::cancel);
        return new Probed<>(sub, probe, puppet(collector), false);
    }

    /**
     * Whitebox: the await Subscriber in {@code awaitLast} mode (it requests everything, so the TCK
     * can signal as many elements as it likes), awaited by a harness coroutine. Elements are
     * reported as the Subscriber receives them; the end is reported from the awaited outcome
     * ({@link NoSuchElementException} is an await's way to say "completed without elements").
     */
    static Probed<Integer> awaitedWithProbe(Tck.Harness harness, WhiteboxSubscriberProbe<Integer> probe) {
        AwaitSubscriber<Integer> sub = new AwaitSubscriber<>(AwaitSubscriber.Mode.LAST, "the TCK's publisher");
        AtomicBoolean ran = new AtomicBoolean();
        Job awaiter = harness.launch(() -> {
            ran.set(true);
            try {
                sub.await();
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
        cancelIfNeverRan(awaiter, ran, sub::cancel);
        return new Probed<>(sub, probe, puppet(awaiter), true);
    }

    /**
     * The Subscriber requests inside onSubscribe, possibly before its driving coroutine has
     * started; a coroutine cancelled before its body runs never runs it, so nothing would cancel
     * the subscription. In an application the collecting coroutine itself subscribes, so this
     * cannot happen there.
     */
    private static void cancelIfNeverRan(Job driver, AtomicBoolean ran, Runnable cancel) {
        driver.invokeOnCompletion(cause -> {
            if (!ran.get()) {
                cancel.run();
            }
        });
    }

    /**
     * The puppet: cancelling is cancelling the collecting (awaiting) coroutine, which must cancel
     * the subscription. Requests need no trigger: the bridge requests its prefetch as soon as it
     * has the subscription and refills as the collector consumes, and an await requests what it
     * needs at once; so any demand the TCK asks for is (eventually) requested, which is all the
     * puppet contract asks.
     */
    private static SubscriberPuppet puppet(Job driver) {
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
        private final BridgeSubscriber<T> target;
        private final WhiteboxSubscriberProbe<T> probe;
        private final SubscriberPuppet puppet;
        private final boolean reportElements;
        private final AtomicBoolean registered = new AtomicBoolean();

        Probed(BridgeSubscriber<T> target, WhiteboxSubscriberProbe<T> probe, SubscriberPuppet puppet, boolean reportElements) {
            this.target = target;
            this.probe = probe;
            this.puppet = puppet;
            this.reportElements = reportElements;
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
            target.onSubscribe(s);
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
