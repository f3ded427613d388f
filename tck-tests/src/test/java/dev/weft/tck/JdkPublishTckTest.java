package dev.weft.tck;

import dev.weft.flow.reactive.JdkReactiveFlows;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.support.TestException;

/** {@code JdkReactiveFlows.publish}. */
public class JdkPublishTckTest extends WeftFlowPublisherTck<Long> {

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return JdkReactiveFlows.publish(scope -> {
            for (long i = 0; i < elements; i++) {
                scope.send(i);
            }
        });
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return JdkReactiveFlows.publish(scope -> {
            throw new TestException();
        });
    }
}
