package dev.weft.tck;

import dev.weft.flow.reactive.ReactiveFlows;
import java.util.concurrent.Flow;

/**
 * The Subscriber behind {@code JdkReactiveFlows.asFlow} (the same object, subscribed through the
 * JDK interfaces), whitebox, with the default prefetch.
 */
public class JdkAsFlowWhiteboxTckTest extends WeftFlowWhiteboxTck<Integer> {

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return Drivers.collectedWithProbe(harness, ReactiveFlows.DEFAULT_PREFETCH, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
