package dev.weft.tck;

import dev.weft.flow.reactive.ReactiveFlows;
import org.reactivestreams.Subscriber;

/** The Subscriber behind {@code ReactiveFlows.asFlow}, blackbox, with the default prefetch. */
public class AsFlowBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.collected(harness, ReactiveFlows.DEFAULT_PREFETCH);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
