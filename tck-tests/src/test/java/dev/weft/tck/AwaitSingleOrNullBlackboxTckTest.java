package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitSingleOrNull} mode, blackbox. */
public class AwaitSingleOrNullBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, Drivers.Await.SINGLE_OR_NULL);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
