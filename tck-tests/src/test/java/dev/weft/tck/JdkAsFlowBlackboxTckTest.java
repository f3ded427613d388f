package dev.weft.tck;

import java.util.concurrent.Flow;

/** The Subscriber behind {@code JdkReactiveFlows.asFlow}, blackbox, with a prefetch of 2. */
public class JdkAsFlowBlackboxTckTest extends WeftFlowBlackboxTck<Integer> {

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return Drivers.collected(harness, 2);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
