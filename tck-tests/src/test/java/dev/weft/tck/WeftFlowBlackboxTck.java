package dev.weft.tck;

import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;

/**
 * Base of weft's {@link FlowSubscriberBlackboxVerification}s: weft's timeouts, the harness coroutines that drive the
 * Subscriber under test, and each test fails if it leaves a weft coroutine running once the
 * harness is cancelled.
 *
 * @param <T> the element type
 */
abstract class WeftFlowBlackboxTck<T> extends FlowSubscriberBlackboxVerification<T> implements IHookable {
    /** Drives the Subscribers under test; cancelled after each test. */
    final Tck.Harness harness = new Tck.Harness();

    WeftFlowBlackboxTck() {
        super(Tck.env());
    }

    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        Tck.runChecked(callBack, result, harness);
    }
}
