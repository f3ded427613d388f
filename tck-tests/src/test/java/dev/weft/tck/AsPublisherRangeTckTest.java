package dev.weft.tck;

import dev.weft.flow.reactive.ReactiveFlows;
import org.reactivestreams.Publisher;

/**
 * {@code ReactiveFlows.asPublisher} over a range flow (and, for 0 elements, an empty flow); the
 * failed-publisher tests run against a flow that fails before its first element.
 */
public class AsPublisherRangeTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveFlows.asPublisher(Flows.rangeOrEmpty(elements));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactiveFlows.asPublisher(Flows.failing());
    }
}
