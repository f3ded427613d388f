package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits in {@code awaitLast} mode, blackbox. */
public class AwaitLastBlackboxTckTest extends WeftBlackboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber() {
        return Drivers.awaited(harness, Drivers.Await.LAST);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
