package dev.weft.tck;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/** The Subscriber behind {@code ReactorFlows.asFlow(Flux)}, whitebox, with the default prefetch. */
public class ReactorAsFlowWhiteboxTckTest extends WeftWhiteboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return ReactorDrivers.asFlowSubscriber(harness, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
