package dev.weft.tck;

import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import dev.weft.flow.Flow;
import dev.weft.reactor.ReactorContext;
import dev.weft.reactor.ReactorFlows;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
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
        // the collector runs with a Reactor context of its own, which the subscriber must carry
        Flow<Integer> inContext = c -> Coroutines.withContext(ReactorContext.of(Context.of("tck", "asFlow")), () -> {
            ReactorFlows.asFlow(capturing).collect(c);
            return null;
        });
        Job collector = Drivers.collectReporting(harness, inContext, probe);
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
        return probe == null ? target : Drivers.Probed.reactiveOnly(target, probe, Drivers.puppet(collector));
    }
}
