package dev.weft.tck;

import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;

/**
 * Base of weft's {@link FlowSubscriberWhiteboxVerification}s: weft's timeouts, the harness coroutines that drive the
 * Subscriber under test, and each test fails if it leaves a weft coroutine running once the
 * harness is cancelled.
 *
 * @param <T> the element type
 */
abstract class WeftFlowWhiteboxTck<T> extends FlowSubscriberWhiteboxVerification<T> implements IHookable {
    /** Drives the Subscribers under test; cancelled after each test. */
    final Tck.Harness harness = new Tck.Harness();

    WeftFlowWhiteboxTck() {
        super(Tck.env());
    }

    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        Tck.runChecked(callBack, result, harness);
    }
}
