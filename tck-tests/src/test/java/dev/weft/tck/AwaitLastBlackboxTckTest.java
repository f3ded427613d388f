package dev.weft.tck;

import dev.weft.flow.reactive.internal.AwaitSubscriber;
import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitLast} mode, blackbox. */
public class AwaitLastBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, AwaitSubscriber.Mode.LAST);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
