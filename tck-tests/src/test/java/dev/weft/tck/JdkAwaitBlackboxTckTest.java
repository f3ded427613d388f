package dev.weft.tck;

import dev.weft.flow.reactive.internal.AwaitSubscriber;
import java.util.concurrent.Flow;

/** The Subscriber behind {@code JdkReactiveFlows}' awaits ({@code awaitFirst} mode), blackbox. */
public class JdkAwaitBlackboxTckTest extends WeftFlowBlackboxTck<Integer> {

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return Drivers.awaited(harness, AwaitSubscriber.Mode.FIRST);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
