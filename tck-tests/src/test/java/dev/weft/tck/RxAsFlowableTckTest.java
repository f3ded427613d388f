package dev.weft.tck;

import dev.weft.rxjava3.RxFlows;
import org.reactivestreams.Publisher;

/**
 * {@code RxFlows.asFlowable} over a range flow (an empty flow for 0 elements); the failed-publisher
 * tests run against a flow that fails before its first element.
 */
public class RxAsFlowableTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return RxFlows.asFlowable(Flows.rangeOrEmpty(elements));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return RxFlows.asFlowable(Flows.failing());
    }
}
