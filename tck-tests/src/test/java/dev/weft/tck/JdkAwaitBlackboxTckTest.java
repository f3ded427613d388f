package dev.weft.tck;

import java.util.concurrent.Flow;

/** The Subscriber behind {@code JdkReactiveFlows}' awaits ({@code awaitFirst} mode), blackbox. */
public class JdkAwaitBlackboxTckTest extends WeftFlowBlackboxTck<Integer> {

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return Drivers.awaited(harness, Drivers.Await.FIRST);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
