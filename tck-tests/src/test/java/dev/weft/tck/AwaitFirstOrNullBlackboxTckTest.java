package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitFirstOrNull} mode, blackbox. */
public class AwaitFirstOrNullBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, Drivers.Await.FIRST_OR_NULL);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
