package dev.weft.tck;

import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;

/**
 * Base of the {@link FlowPublisherVerification}s of weft's {@code java.util.concurrent.Flow}
 * publishers: weft's timeouts, and each test fails if it leaves a weft coroutine running.
 *
 * @param <T> the element type
 */
abstract class WeftFlowPublisherTck<T> extends FlowPublisherVerification<T> implements IHookable {
    private final Tck.Harness harness = new Tck.Harness();

    WeftFlowPublisherTck() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        Tck.runChecked(callBack, result, harness);
    }
}
