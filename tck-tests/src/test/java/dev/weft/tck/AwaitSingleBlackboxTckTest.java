package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitSingle} mode, blackbox. */
public class AwaitSingleBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, Drivers.Await.SINGLE);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
