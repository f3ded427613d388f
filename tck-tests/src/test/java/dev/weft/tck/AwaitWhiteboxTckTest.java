package dev.weft.tck;

import org.reactivestreams.Subscriber;

/** The Subscriber behind the awaits ({@code awaitLast} mode), whitebox. */
public class AwaitWhiteboxTckTest extends WeftWhiteboxTck<Integer> {

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return Drivers.awaitedWithProbe(harness, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
