package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber that {@code RxFlows.asFlow(Flowable)} gives the Flowable, blackbox. */
public class RxAsFlowBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return RxDrivers.collected(harness);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
