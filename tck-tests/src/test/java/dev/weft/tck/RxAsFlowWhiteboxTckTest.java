package dev.weft.tck;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/** The Subscriber that {@code RxFlows.asFlow(Flowable)} gives the Flowable, whitebox. */
public class RxAsFlowWhiteboxTckTest extends WeftWhiteboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return RxDrivers.collectedWithProbe(harness, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
