package dev.weft.tck;

import java.util.concurrent.Flow;

/** The Subscriber behind {@code JdkReactiveFlows}' awaits ({@code awaitLast} mode), whitebox. */
public class JdkAwaitWhiteboxTckTest extends WeftFlowWhiteboxTck<Integer> {

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return Drivers.awaitedWithProbe(harness, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
