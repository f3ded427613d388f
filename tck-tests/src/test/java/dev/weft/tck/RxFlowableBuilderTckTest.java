package dev.weft.tck;

import dev.weft.rxjava3.RxFlows;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.flow.support.TestException;

/** {@code RxFlows.rxFlowable}: a producer coroutine per subscription whose {@code send} waits for demand. */
public class RxFlowableBuilderTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return RxFlows.rxFlowable(scope -> {
            for (long i = 0; i < elements; i++) {
                scope.send(i);
            }
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return RxFlows.rxFlowable(scope -> {
            throw new TestException();
        });
    }
}
