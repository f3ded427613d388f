package dev.weft.tck;

import org.reactivestreams.tck.PublisherVerification;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;

/**
 * Base of the {@link PublisherVerification}s of weft's Reactive Streams publishers: weft's
 * timeouts, and each test fails if it leaves a weft coroutine running.
 *
 * @param <T> the element type
 */
abstract class WeftPublisherTck<T> extends PublisherVerification<T> implements IHookable {
    private final Tck.Harness harness = new Tck.Harness();

    WeftPublisherTck() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        Tck.runChecked(callBack, result, harness);
    }
}
