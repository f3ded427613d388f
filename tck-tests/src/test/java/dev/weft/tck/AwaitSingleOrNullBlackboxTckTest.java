package dev.weft.tck;

import dev.weft.flow.reactive.internal.AwaitSubscriber;
import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitSingleOrNull} mode, blackbox. */
public class AwaitSingleOrNullBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, AwaitSubscriber.Mode.SINGLE_OR_NULL);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
