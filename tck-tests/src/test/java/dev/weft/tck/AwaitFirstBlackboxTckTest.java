package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitFirst} mode, blackbox. */
public class AwaitFirstBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, Drivers.Await.FIRST);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
