package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind {@code ReactorFlows.asFlow(Flux)}, blackbox. */
public class ReactorAsFlowBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return ReactorDrivers.asFlowSubscriber(harness, null);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
