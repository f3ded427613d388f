package dev.weft.tck;

import org.reactivestreams.Subscriber;

/**
 * The Subscriber behind {@code ReactiveFlows.asFlow}, whitebox, with a prefetch of 1: it requests
 * one element, and one more each time the collector has emitted one.
 */
public class AsFlowWhiteboxTckTest extends WeftWhiteboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return Drivers.collectedWithProbe(harness, 1, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
