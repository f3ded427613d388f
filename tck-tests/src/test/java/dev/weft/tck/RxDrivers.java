package dev.weft.tck;

import dev.weft.core.Job;
import dev.weft.rxjava3.RxFlows;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
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

    private static Subscriber<Integer> capture(Tck.Harness harness, @Nullable WhiteboxSubscriberProbe<Integer> probe) {
        CompletableFuture<Subscriber<? super Integer>> captured = new CompletableFuture<>();
        Flowable<Integer> capturing = new Flowable<>() {
            @Override
            protected void subscribeActual(Subscriber<? super Integer> s) {
                captured.complete(s);
            }
        };
        Job collector = Drivers.collectReporting(harness, RxFlows.asFlow(capturing), probe);
        Subscriber<? super Integer> sub;
        try {
            sub = captured.get(Tck.GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            collector.cancel();
            throw new AssertionError("asFlow did not subscribe to the Flowable", e);
        }
        @SuppressWarnings("unchecked")
        Subscriber<Integer> target = (Subscriber<Integer>) sub;
        return probe == null ? target : Drivers.Probed.reactiveOnly(target, probe, Drivers.puppet(collector));
    }
}
